#!/bin/sh
# usage: run-with-keyring.sh keyring|no-secrets-service PROGRAM [ARGS...]
#
# Runs PROGRAM on a private D-Bus session bus, always, so that tests never
# read or write the keyring of the person running them (nor wait on its
# password prompt):
#
#   keyring             a throw-away gnome-keyring (secrets only) in a
#                       temporary $HOME, its login collection created and
#                       unlocked with a random password that only ever goes
#                       to the daemon's stdin: never into the environment,
#                       which meson records in testlog.json
#   no-secrets-service  a bus without service directories, so that nothing
#                       provides org.freedesktop.secrets
#
# PROGRAM sees the mode in FT_TEST_SECRETS_MODE. The scratch directory goes
# away afterwards, and the keyring daemon with its bus.
set -eu

mode=${1:?usage: run-with-keyring.sh keyring|no-secrets-service PROGRAM [ARGS...]}
shift
here=$(cd "$(dirname "$0")" && pwd)

for tool in dbus-run-session gdbus; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-with-keyring.sh: $tool is missing (packages dbus, libglib2.0-bin)" >&2
    exit 1
  fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/exemplar-keyring-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export HOME="$scratch/home"
export XDG_RUNTIME_DIR="$scratch/runtime"
export XDG_DATA_HOME="$scratch/home/.local/share"
export XDG_CONFIG_HOME="$scratch/home/.config"
export XDG_CACHE_HOME="$scratch/home/.cache"
export FT_TEST_SECRETS_MODE="$mode"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

status=0
case "$mode" in
  no-secrets-service)
    dbus-run-session --config-file="$here/data/dbus-no-secrets.conf" -- "$@" || status=$?
    ;;
  keyring)
    if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
      echo "run-with-keyring.sh: gnome-keyring-daemon is missing (package gnome-keyring)" >&2
      exit 1
    fi
    dbus-run-session -- sh -c '
      set -eu
      # The daemon must not inherit the test environment: with
      # G_DEBUG=fatal-warnings it aborts on its own warnings.
      eval "$(head -c 24 /dev/urandom | base64 | tr -d "\n" |
              env -u G_DEBUG -u MALLOC_CHECK_ -u MALLOC_PERTURB_ \
                gnome-keyring-daemon --unlock --components=secrets)"
      export GNOME_KEYRING_CONTROL
      # The daemon forks: wait until it owns its name, or D-Bus activation
      # could start a second, locked instance.
      i=0
      until gdbus call --session --dest org.freedesktop.DBus \
              --object-path /org/freedesktop/DBus \
              --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null |
            grep -q true; do
        i=$((i + 1))
        if [ $i -gt 100 ]; then
          echo "run-with-keyring.sh: gnome-keyring-daemon did not take its bus name" >&2
          exit 1
        fi
        sleep 0.1
      done
      exec "$@"
    ' sh "$@" || status=$?
    ;;
  *)
    echo "run-with-keyring.sh: unknown mode “$mode”" >&2
    exit 2
    ;;
esac

exit $status
