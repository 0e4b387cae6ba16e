#!/usr/bin/env python3
"""Execute one notebook with nbconvert's ExecutePreprocessor on the tslab kernel.

Usage: run-notebook.py NOTEBOOK OUT.ipynb [CELL_TIMEOUT_S]
Writes OUT.ipynb (fully executed, or executed up to the failing cell, whose stderr is kept) and,
on failure, prints the failing cell's number, source head and error output, and exits 1.
tslab reports errors on stderr and replies with an empty error, which the nbconvert command line
does not show; this script shows it.
"""
import json, os, sys
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor
from nbclient.exceptions import CellExecutionError

def main(src, dst, timeout):
    nb = nbformat.read(src, as_version=4)
    ep = ExecutePreprocessor(timeout=timeout, kernel_name='tslab')
    # tslab numbers no cells (execution_count stays empty) and, after an error in a cell tagged
    # raises-exception, answers the following requests with status 'abort': record each reply's status.
    def record(cell, cell_index, execute_reply):
        cell.metadata['tslab_status'] = execute_reply.get('content', {}).get('status')
    ep.on_cell_executed = record
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        ep.preprocess(nb, {'metadata': {'path': root}})
        ok = True
    except CellExecutionError:
        ok = False
    if ok:
        # tslab answers every request after an error tagged `raises-exception` with an empty,
        # successful reply: those cells never ran (no execution count). Treat that as a failure.
        code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == 'code' and c.source.strip()]
        skipped = [(i, c) for i, c in code if c.metadata.pop('tslab_status', 'ok') != 'ok']
        if not skipped:
            nbformat.write(nb, dst)
            return 0
        for _, c in code: c.metadata.pop('tslab_status', None)
        i, c = skipped[0]
        c.metadata['failed'] = True
        print(f'cell {i + 1} failed and {len(skipped) - 1} later code cell(s) never ran '
              '(tslab stops after an error even when the cell is tagged raises-exception: catch and display expected errors instead)')
        print('  | ' + '\n  | '.join(c.source.splitlines()[:8]))
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream' and o.get('name') == 'stderr':
                print('  stderr: ' + ''.join(o.get('text', ''))[-2000:].replace('\n', '\n  stderr: '))
        nbformat.write(nb, dst)
        return 1
    # the failing cell: the last code cell that started executing (nbclient stamps metadata.execution)
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == 'code']
    ran = [(i, c) for i, c in code if c.metadata.get('execution')]
    i, c = ran[-1] if ran else code[0]
    c.metadata['failed'] = True
    print(f'cell {i + 1} (code cell {code.index((i, c)) + 1} of {len(code)}) failed:')
    print('  | ' + '\n  | '.join(c.source.splitlines()[:8]))
    for o in c.get('outputs', []):
        if o.get('output_type') == 'stream' and o.get('name') == 'stderr':
            print('  stderr: ' + ''.join(o.get('text', ''))[-3000:].replace('\n', '\n  stderr: '))
        if o.get('output_type') == 'error':
            print(f"  {o.get('ename')}: {o.get('evalue')}")
    nbformat.write(nb, dst)
    return 1

if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1800))
