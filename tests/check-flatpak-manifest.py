#!/usr/bin/env python3
# Checks the Flatpak manifest by inspection: it parses, targets a numbered
# GNOME runtime, builds this repository with meson, and asks for no more
# than network, IPC, Wayland, fallback X11 and DRI.
#
# usage: check-flatpak-manifest.py MANIFEST APP_ID

import json
import re
import shutil
import subprocess
import sys

path, app_id = sys.argv[1], sys.argv[2]
problems = []

with open(path, encoding='utf-8') as f:
    manifest = json.load(f)

def expect(cond, message):
    if not cond:
        problems.append(message)

expect(manifest.get('id', manifest.get('app-id')) == app_id, f'id is not {app_id}')
expect(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is not org.gnome.Platform')
expect(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is not org.gnome.Sdk')
expect(re.fullmatch(r'\d+(\.\d+)?', str(manifest.get('runtime-version', ''))) is not None,
       'runtime-version is not a numbered stable version')
expect(manifest.get('command') == 'exemplar', 'command is not exemplar')

allowed = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}
finish_args = manifest.get('finish-args', [])
for arg in finish_args:
    if arg not in allowed:
        problems.append(f'finish-arg {arg} is not allowed (files go through portals, '
                        'keys through the secret portal)')
for arg in sorted(allowed - set(finish_args)):
    problems.append(f'finish-arg {arg} is missing')

modules = manifest.get('modules', [])
expect(len(modules) >= 1, 'no modules')
if modules:
    ours = modules[-1]
    expect(isinstance(ours, dict) and ours.get('name') == 'exemplar', 'the last module is not exemplar')
    if isinstance(ours, dict):
        expect(ours.get('buildsystem') == 'meson', 'exemplar does not build with meson')
        sources = ours.get('sources', [])
        expect(any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources),
               'exemplar does not build this repository (a dir source with path "..")')

# flatpak-builder checks structure offline when it is installed.
builder = shutil.which('flatpak-builder')
if builder:
    r = subprocess.run([builder, '--show-manifest', path], capture_output=True, text=True)
    expect(r.returncode == 0, f'flatpak-builder --show-manifest failed: {r.stderr.strip()}')

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f'{path}: OK ({len(finish_args)} finish-args, {len(modules)} module(s))')
