#!/usr/bin/env python3
# Reads meson's testlog.json and prints how many tests passed and failed,
# counting the sub-tests of TAP (GTest) programs one by one. A skipped test
# is never counted as passed. The last line is exactly "N passed, N failed".
#
# usage: meson-summary.py BUILD/meson-logs/testlog.json
# exit status: 1 if anything failed or no test ran, else 0

import json
import re
import sys

tap_line = re.compile(r'^(not ok|ok)\b[^#]*(#\s*(\w+))?', re.IGNORECASE)

passed = failed = skipped = 0
failures = []

with open(sys.argv[1], encoding='utf-8') as f:
    records = [json.loads(line) for line in f if line.strip()]

for r in records:
    result = r.get('result')
    name = r.get('name', '?')
    sub_pass = sub_fail = sub_skip = 0
    for line in (r.get('stdout') or '').splitlines():
        m = tap_line.match(line.strip())
        if not m:
            continue
        directive = (m.group(3) or '').upper()
        if directive == 'SKIP':
            sub_skip += 1
        elif m.group(1).lower() == 'ok' or directive == 'TODO':
            sub_pass += 1
        else:
            sub_fail += 1
    if sub_pass + sub_fail + sub_skip > 0:
        passed += sub_pass
        skipped += sub_skip
        failed += sub_fail
        # A crash after the last sub-test, a timeout or a bad plan is a
        # failure even when every reported sub-test passed.
        if result in ('FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS') and sub_fail == 0:
            failed += 1
        if result not in ('OK', 'EXPECTEDFAIL') or sub_fail:
            failures.append(name)
    elif result in ('OK', 'EXPECTEDFAIL'):
        passed += 1
    elif result == 'SKIP':
        skipped += 1
    else:
        failed += 1
        failures.append(name)

for name in failures:
    print(f'FAILED: {name}')
if skipped:
    print(f'{skipped} skipped (not counted as passed)')
print(f'{passed} passed, {failed} failed')
sys.exit(1 if failed or passed == 0 else 0)
