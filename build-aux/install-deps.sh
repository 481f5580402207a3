#!/bin/bash
# Installs the Debian/Ubuntu packages Exemplar needs, and only those that
# are missing. Debian 12 (bookworm) is the floor; Ubuntu 24.04 works too.
#
# usage: build-aux/install-deps.sh [--tests]
#   --tests  also install what the test suite needs (Xvfb, D-Bus, the
#            keyring, valgrind, clang for the fuzzer, Node.js tools)
set -euo pipefail

build_packages=(
  build-essential pkg-config meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsecret-1-dev libpcre2-dev
  libglib2.0-bin desktop-file-utils appstream libxml2-utils
  gnome-keyring dbus-user-session
)
test_packages=(
  xvfb xauth dbus dbus-x11 at-spi2-core gnome-keyring libsecret-tools
  valgrind clang libclang-rt-14-dev imagemagick fonts-cantarell jq
)

want=("${build_packages[@]}")
if [ "${1:-}" = "--tests" ]; then
  want+=("${test_packages[@]}")
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#want[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
