#!/usr/bin/env python3
"""Check that nothing in the project points a reader outside this repository.

Usage: check-references.py [PATH ...]   (default: notebooks/*.ipynb, lib/, docs/, data/, README.md)
Flags research-note citations ("research/…md", "research note", "note §3.1"), paths into a shared
folder or the seeds' text files, and internal issue numbers. Cite the original papers (equation,
figure, section) or this repository's docs/derivations notes instead.
"""
import json, os, re, sys

PATTERNS = [
    (re.compile(r'research/[\w.-]+\.md|\bresearch[- ]notes?\b', re.I), 'cites a research note outside the repository'),
    (re.compile(r'(?<![\w/])note §\s*\d'), 'cites "note §…" (a research note outside the repository)'),
    (re.compile(r'\.\./shared|shared/(?:research|seeds|data)|\bseeds/|\b00\d_[0-9a-f]{16}\.txt'), 'points to a file outside the repository'),
    (re.compile(r'\bissue\s*#?\d+\b', re.I), 'names an internal issue number'),
]

def texts(path):
    if path.endswith('.ipynb'):
        nb = json.load(open(path, encoding='utf-8'))
        for i, c in enumerate(nb.get('cells', [])):
            src = ''.join(c['source']) if isinstance(c['source'], list) else c['source']
            for k, line in enumerate(src.split('\n')):
                yield f'{path} cell {i + 1} line {k + 1}', line
    else:
        for k, line in enumerate(open(path, encoding='utf-8', errors='replace')):
            yield f'{path}:{k + 1}', line

def files(args):
    if args:
        for a in args:
            if os.path.isdir(a):
                for d, _, fs in os.walk(a):
                    for f in sorted(fs):
                        if f.endswith(('.ts', '.md', '.ipynb', '.py')):
                            yield os.path.join(d, f)
            else:
                yield a
        return
    yield from files(['notebooks', 'lib', 'docs', 'data', 'README.md'])

def main(argv):
    bad = []
    for f in files(argv):
        for where, line in texts(f):
            for rx, why in PATTERNS:
                m = rx.search(line)
                if m:
                    bad.append(f'{where}: {why}: "{m.group(0)}"')
    for b in bad:
        print(b, file=sys.stderr)
    if bad:
        print(f'{len(bad)} reference(s) point outside the repository', file=sys.stderr)
        return 1
    print('no reference points outside the repository')
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
