#!/bin/bash
# Quick start: installs what is missing, configures, builds and launches
# Exemplar from the source tree (nothing is installed system-wide).
#
# usage: build-aux/run.sh [ARGS...]   (ARGS go to the app, e.g. a file)
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
if [ ! -f _build/build.ninja ]; then
  meson setup _build -Dprofile=development
fi
ninja -C _build

export XDG_DATA_DIRS="${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec meson devenv -C _build -w "$PWD" _build/src/exemplar "$@"
