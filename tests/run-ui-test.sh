#!/bin/sh
# Runs a UI test binary on a display. Under CI the whole suite already runs
# inside xvfb-run; a developer's plain `meson test` may have no display, in
# which case this starts a private Xvfb for the one test.
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "run-ui-test.sh: no display and no xvfb-run; install the xvfb package" >&2
  exit 1
fi
exec xvfb-run -a -s '-screen 0 1280x800x24' "$@"
