#!/bin/bash
# Runs the whole test suite exactly as CI does, on a fresh machine too:
# installs what is missing (apt packages, the pinned npm tools for the
# contract tests), builds with -Dwerror=true, runs `meson test` under Xvfb
# inside a private D-Bus session with an unlocked throw-away keyring, and
# ends with the line "N passed, N failed".
#
# usage: build-aux/test.sh [MESON TEST ARGS...]   (e.g. --suite core)
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
build=${EXEMPLAR_TEST_BUILDDIR:-_build-test}

build-aux/install-deps.sh --tests

# Node.js tools (Stoplight Prism) for the contract tests, pinned by the
# lock file, into a git-ignored folder.
if [ -f build-aux/node/package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: npm is missing; install Node.js 20 (Prism needs node >= 18.20)" >&2
    exit 2
  fi
  if [ ! -d build-aux/node/node_modules ] ||
     [ build-aux/node/package-lock.json -nt build-aux/node/node_modules ]; then
    npm ci --prefix build-aux/node --no-audit --no-fund --loglevel=error
    touch build-aux/node/node_modules
  fi
fi

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" -Dwerror=true >/dev/null
else
  meson setup "$build" -Dwerror=true
fi
ninja -C "$build"

# Nothing secret goes into the test environment: meson writes each test's
# environment into testlog-ci.json. The keyring password is only ever on the
# daemon's stdin.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/runtime" && chmod 700 "$scratch/runtime"

set +e
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  HOME="$scratch" XDG_RUNTIME_DIR="$scratch/runtime" \
  XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
  XDG_CACHE_HOME="$scratch/cache" XDG_STATE_HOME="$scratch/state" \
  GTK_A11Y=test NO_AT_BRIDGE=1 \
  dbus-run-session -- bash -c '
    set -u
    eval "$(head -c 24 /dev/urandom | base64 | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    # The daemon forks; wait until it owns its name on the bus, or D-Bus
    # activation could start a second, locked instance.
    for _ in $(seq 100); do
      gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
        grep -q true && break
      sleep 0.1
    done
    xvfb-run -a -s "-screen 0 1280x800x24" meson test -C "$0" --setup ci --print-errorlogs "$@"
  ' "$top/$build" "$@"
status=$?
set -e

summary_status=0
python3 build-aux/meson-summary.py "$build/meson-logs/testlog-ci.json" || summary_status=$?
if [ $status -ne 0 ] || [ $summary_status -ne 0 ]; then
  exit 1
fi
