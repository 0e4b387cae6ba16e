#!/usr/bin/env python3
"""Convert a 'percent'-format TypeScript script into an output-free tslab notebook.

Cells start with a line '// %%' (code) or '// %% [markdown]' (markdown; the text that follows
has its leading '// ' stripped). Optional tags: '// %% tags=raises-exception'.
Usage: percent-to-ipynb.py SRC.ts OUT.ipynb
"""
import json, re, sys

def convert(src: str) -> dict:
    cells, cur = [], None
    for line in src.splitlines():
        m = re.match(r'^//\s*%%(.*)$', line)
        if m:
            if cur: cells.append(cur)
            rest = m.group(1)
            tags = re.findall(r'tags=([\w,-]+)', rest)
            cur = {'type': 'markdown' if '[markdown]' in rest else 'code', 'lines': [],
                   'tags': tags[0].split(',') if tags else []}
            continue
        if cur is None:
            continue
        if cur['type'] == 'markdown':
            line = re.sub(r'^//\s?', '', line)
        cur['lines'].append(line)
    if cur: cells.append(cur)
    out = []
    for i, c in enumerate(cells):
        while c['lines'] and not c['lines'][-1].strip(): c['lines'].pop()
        while c['lines'] and not c['lines'][0].strip(): c['lines'].pop(0)
        text = '\n'.join(c['lines'])
        meta = {'tags': c['tags']} if c['tags'] else {}
        cell = {'cell_type': c['type'], 'id': f'cell-{i:03d}', 'metadata': meta, 'source': text}
        if c['type'] == 'code':
            cell['execution_count'] = None
            cell['outputs'] = []
        out.append(cell)
    return {'cells': out,
            'metadata': {'kernelspec': {'name': 'tslab', 'display_name': 'TypeScript (tslab)', 'language': 'typescript'},
                         'language_info': {'name': 'typescript', 'file_extension': '.ts'}},
            'nbformat': 4, 'nbformat_minor': 5}

if __name__ == '__main__':
    src, dst = sys.argv[1], sys.argv[2]
    nb = convert(open(src, encoding='utf-8').read())
    with open(dst, 'w', encoding='utf-8') as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{dst}: {len(nb["cells"])} cells')
