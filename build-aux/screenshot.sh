#!/bin/sh
# Takes a screenshot of the app under Xvfb, in the light or the dark style.
#
# usage: build-aux/screenshot.sh BUILD_DIR OUTPUT.png [light|dark] [WxH] [-- APP ARGS...]
#
# SCREENSHOT_SETTINGS may hold more key=value lines for the app's settings
# (e.g. "sample-shown=true" for the empty state instead of the sample);
# SCREENSHOT_DELAY is how long to wait before the shot (3 s).
#
# Uses a throw-away HOME with Cantarell as the UI font and only a Close
# button in the header bar, as on GNOME, and its own GSettings keyfile, so
# nothing of the user's is read or changed.
set -eu
build=${1:?build dir}
out=${2:?output png}
style=${3:-light}
size=${4:-1100x720}
if [ $# -ge 4 ]; then shift 4; else shift $#; fi
[ "${1:-}" = "--" ] && shift

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/config/gtk-4.0"
cat > "$scratch/config/gtk-4.0/settings.ini" <<INI
[Settings]
gtk-font-name=Cantarell 11
gtk-hint-font-metrics=true
gtk-decoration-layout=appmenu:close
INI

w=${size%x*}
h=${size#*x}

# The app's own settings, in a keyfile the throw-away HOME owns.
mkdir -p "$scratch/config/glib-2.0/settings"
cat > "$scratch/config/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/exemplar_studio/Exemplar]
window-size=($w, $h)
color-scheme='$style'
${SCREENSHOT_SETTINGS:-}

[io/github/exemplar_studio/Exemplar/Devel]
window-size=($w, $h)
color-scheme='$style'
${SCREENSHOT_SETTINGS:-}
KEYFILE

HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
XDG_CACHE_HOME="$scratch/cache" XDG_STATE_HOME="$scratch/state" \
GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$build/data" \
GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
xvfb-run -a -s "-screen 0 $((w + 200))x$((h + 200))x24" dbus-run-session -- sh -c '
  "$0" "$@" &
  pid=$!
  sleep "${SCREENSHOT_DELAY:-3}"
  import -window root "'"$scratch"'/root.png"
  kill $pid; wait $pid 2>/dev/null || true
' "$build/src/exemplar" "$@"

# The window sits at the top left corner without a window manager; the
# client-side shadow around it is transparent in X, so crop it away.
convert "$scratch/root.png" -crop "${w}x${h}+0+0" +repage -trim +repage "$out"
echo "$out"
