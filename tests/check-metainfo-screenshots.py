#!/usr/bin/env python3
# Every screenshot the metainfo points at must exist in data/screenshots/.
#
# usage: check-metainfo-screenshots.py METAINFO SCREENSHOT_DIR

import os
import sys
import xml.etree.ElementTree as ET

metainfo, shots = sys.argv[1], sys.argv[2]
images = [e.text.strip() for e in ET.parse(metainfo).getroot().iter('image')]
problems = []
if not images:
    problems.append('the metainfo has no screenshots')
for url in images:
    name = url.rsplit('/', 1)[-1]
    if '/data/screenshots/' not in url:
        problems.append(f'{url} does not point into data/screenshots/')
    elif not os.path.isfile(os.path.join(shots, name)):
        problems.append(f'{url} names {name}, which is not in data/screenshots/')
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
