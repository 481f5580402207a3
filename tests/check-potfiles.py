#!/usr/bin/env python3
# Fails when a source file with user-visible strings is missing from
# po/POTFILES.in, when POTFILES.in names a file that does not exist, or when
# it is not sorted.
#
# usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

root = sys.argv[1]
potfiles_path = os.path.join(root, 'po', 'POTFILES.in')

listed = []
with open(potfiles_path, encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)

problems = []

if listed != sorted(listed):
    problems.append('po/POTFILES.in is not sorted')

for path in listed:
    if not os.path.isfile(os.path.join(root, path)):
        problems.append(f'po/POTFILES.in lists {path}, which does not exist')

marker_ui = re.compile(r'translatable="yes"')

found = []
for top in ('src', 'data'):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith(('.c', '.h')):
                with open(path, encoding='utf-8') as f:
                    text = f.read()
                # Only count markers that wrap a string literal.
                if re.search(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\s*\(\s*"', text):
                    found.append(rel)
            elif name.endswith('.ui'):
                with open(path, encoding='utf-8') as f:
                    if marker_ui.search(f.read()):
                        found.append(rel)
            elif name.endswith(('.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml.in')):
                found.append(rel)

for rel in found:
    if rel not in listed:
        problems.append(f'{rel} has translatable strings but is missing from po/POTFILES.in')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f'po/POTFILES.in lists all {len(found)} files with translatable strings')
