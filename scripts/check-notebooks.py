#!/usr/bin/env python3
"""Check that committed notebooks carry no outputs or execution counts, use the tslab kernel and stay thin
(no code cell over MAX_CELL_LINES lines: experiment protocols belong in lib/, tested).

Usage: check-notebooks.py [--strip] NOTEBOOK...   (--strip removes outputs and counts in place)
"""
import json, sys

MAX_CELL_LINES = 40

def main(argv):
    strip = '--strip' in argv
    files = [a for a in argv if a != '--strip']
    bad = []
    for f in files:
        try:
            nb = json.load(open(f, encoding='utf-8'))
        except (OSError, ValueError) as e:
            bad.append(f'{f}: not a readable notebook ({e})')
            continue
        kernel = nb.get('metadata', {}).get('kernelspec', {}).get('name')
        if kernel != 'tslab':
            bad.append(f"{f}: kernelspec is {kernel!r}, expected 'tslab'")
        dirty = []
        for i, c in enumerate(nb.get('cells', [])):
            if c.get('cell_type') != 'code':
                continue
            if 'raises-exception' in c.get('metadata', {}).get('tags', []):
                bad.append(f'{f}: cell {i + 1} is tagged raises-exception, which tslab does not honour '
                           '(every later cell is skipped); catch the error in the cell and display it')
            lines = len(''.join(c.get('source', [])).split('\n'))
            if lines > MAX_CELL_LINES:
                bad.append(f'{f}: code cell {i + 1} has {lines} lines (at most {MAX_CELL_LINES}: move the protocol into lib/, '
                           'declared for lib/runtime and unit-tested, and call it from the notebook)')
            if c.get('outputs') or c.get('execution_count') is not None:
                dirty.append(i + 1)
                c['outputs'], c['execution_count'] = [], None
        if dirty and strip:
            with open(f, 'w', encoding='utf-8') as fh:
                json.dump(nb, fh, indent=1, ensure_ascii=False)
                fh.write('\n')
            print(f'{f}: stripped outputs from cells {dirty}')
        elif dirty:
            bad.append(f'{f}: cells {dirty} carry outputs or execution counts (run: make clean-notebooks)')
    for b in bad:
        print(b, file=sys.stderr)
    if not bad:
        print(f'{len(files)} notebooks are output-free, use the tslab kernel and have no code cell over {MAX_CELL_LINES} lines')
    return 1 if bad else 0

if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
