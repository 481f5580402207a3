#!/usr/bin/env python3
# Fails when a translation is incomplete: for every language in po/LINGUAS,
# every message of the current sources must be translated, none may be
# fuzzy, and `msgfmt --check` must pass.
#
# The strings are extracted here, from the sources as they are now, exactly
# as meson's i18n.gettext (preset: 'glib') does for the exemplar-pot target,
# so a new translatable string fails this test until it is translated, even
# when po/exemplar.pot was never regenerated.
#
# usage: check-translations.py SOURCE_ROOT [--xgettext PATH] [--msgcmp PATH]
#                              [--msgfmt PATH] [--msgattrib PATH]

import argparse
import os
import re
import subprocess
import sys
import tempfile

PACKAGE = 'exemplar'

# po/meson.build's args, then what meson's i18n module adds for the 'glib'
# preset (`ninja -C _build -t commands exemplar-pot` shows the whole line).
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]


def run(args, **kwargs):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def read_linguas(root):
    langs = []
    with open(os.path.join(root, 'po', 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                langs += line.split()
    return langs


def count_entries(po_text):
    # Every entry but the header has a non-empty msgid.
    return len(re.findall(r'^msgid "(?:[^"\\]|\\.)+', po_text, re.MULTILINE)) + \
        len(re.findall(r'^msgid ""\n"', po_text, re.MULTILINE))


def describe_missing(msgcmp_output, pot):
    """Turns msgcmp's "file.pot:LINE: ..." lines into the messages and where
    the sources use them, since the temporary .pot is gone afterwards."""
    with open(pot, encoding='utf-8') as f:
        lines = f.read().split('\n')

    out = []
    for report in msgcmp_output.splitlines():
        m = re.match(r'^.*\.pot:(\d+): ', report)
        if not m:
            out.append(report)
            continue
        # msgcmp names the entry's msgstr line: go back to its msgid.
        i = min(int(m.group(1)) - 1, len(lines) - 1)
        while i > 0 and not lines[i].startswith('msgid '):
            i -= 1
        start = i
        while start > 0 and lines[start - 1].startswith(('#', 'msgctxt', '"')):
            start -= 1
        end = i + 1
        while end < len(lines) and lines[end].startswith(('"', 'msgid_plural')):
            end += 1
        entry = [l for l in lines[start:end] if not l.startswith('#,')]
        out.append('\n'.join(entry))
    return '\n'.join(out)


def extract(root, xgettext, tmp):
    # Like meson: the list from POTFILES.in, paths relative to the source root.
    result = run([xgettext, '--package-name=' + PACKAGE, '-p', tmp,
                  '-f', os.path.join(root, 'po', 'POTFILES.in'), '-D', root,
                  '-k_', '-o', PACKAGE + '.pot'] + XGETTEXT_ARGS, cwd=root)
    pot = os.path.join(tmp, PACKAGE + '.pot')
    if result.returncode != 0 or not os.path.isfile(pot):
        print(result.stdout, end='')
        sys.exit('xgettext could not extract the messages')
    return pot


def check_language(root, lang, pot, tools):
    problems = []
    po = os.path.join(root, 'po', lang + '.po')
    name = os.path.join('po', lang + '.po')

    if not os.path.isfile(po):
        return [f'{name} does not exist, but po/LINGUAS lists {lang}']

    result = run([tools.msgfmt, '--check', '-o', os.devnull, po])
    if result.returncode != 0:
        problems.append(f'msgfmt --check fails on {name}:\n{result.stdout.rstrip()}')

    result = run([tools.msgattrib, '--only-fuzzy', '--no-obsolete', po])
    n_fuzzy = count_entries(result.stdout)
    if result.returncode != 0:
        problems.append(f'msgattrib cannot read {name}:\n{result.stdout.rstrip()}')
    elif n_fuzzy > 0:
        problems.append(f'{name} has {n_fuzzy} fuzzy entries; check and translate them, then '
                        'remove the fuzzy flag:\n' + result.stdout.rstrip())

    # msgcmp ignores untranslated and fuzzy entries of the .po, so each
    # message the sources use must have a real translation.
    result = run([tools.msgcmp, po, pot])
    if result.returncode != 0:
        missing = describe_missing(result.stdout, pot)
        problems.append(f'{name} lacks translations of messages in the current sources '
                        '(run `ninja -C _build exemplar-pot exemplar-update-po` and translate '
                        f'them):\n{missing}')

    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('root')
    parser.add_argument('--xgettext', default='xgettext')
    parser.add_argument('--msgcmp', default='msgcmp')
    parser.add_argument('--msgfmt', default='msgfmt')
    parser.add_argument('--msgattrib', default='msgattrib')
    tools = parser.parse_args()
    root = os.path.abspath(tools.root)

    langs = read_linguas(root)
    if not langs:
        sys.exit('po/LINGUAS lists no languages')

    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = extract(root, tools.xgettext, tmp)
        with open(pot, encoding='utf-8') as f:
            n_messages = count_entries(f.read())

        for lang in langs:
            found = check_language(root, lang, pot, tools)
            problems += found
            if not found:
                print(f'{lang}: all {n_messages} messages translated')

    for p in problems:
        print(p)
    if problems:
        sys.exit(1)


if __name__ == '__main__':
    main()
