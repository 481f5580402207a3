#!/bin/sh
# Runs every benchmark program given on the command line, one after the
# other, so that they do not compete for the two cores. Each prints its
# own numbers. Used by `ninja -C _build bench`.
set -u
status=0
for program in "$@"; do
  echo "== $(basename "$program")"
  "$program" || status=1
  echo
done
exit $status
