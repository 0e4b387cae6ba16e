/**
 * The layers of lib/, lowest first: an import may only point to the same or a lower layer
 * (experiments use theory and networks, never the reverse). The folder tree is the architecture.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const LAYER_ORDER = ['core', 'report', 'theory', 'networks', 'data', 'analysis', 'runtime', 'experiments'] as const;

function layerOf(root: string, file: string): number {
  const rel = path.relative(root, file).split(path.sep);
  if (rel.length === 1) return LAYER_ORDER.length; // lib/index.ts and repository-wide tests sit on top
  const i = LAYER_ORDER.indexOf(rel[0] as (typeof LAYER_ORDER)[number]);
  if (i < 0) throw new Error(`lib/${rel.join('/')} is in no known layer folder (${LAYER_ORDER.join(', ')})`);
  return i;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every import of a module under `root` that points to a higher layer, as "from → to". */
function upwardImports(root: string): string[] {
  const bad: string[] = [];
  for (const f of tsFiles(root)) {
    if (f.endsWith('.test.ts')) continue;
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(f), m[1]);
      const file = fs.existsSync(target + '.ts') ? target + '.ts' : path.join(target, 'index.ts');
      if (!fs.existsSync(file) || !file.startsWith(root)) continue;
      if (layerOf(root, file) > layerOf(root, f)) bad.push(`${path.relative(root, f)} → ${path.relative(root, file)}`);
    }
  }
  return bad;
}

test('every import in lib/ points to the same or a lower layer', () => {
  const bad = upwardImports(__dirname);
  assert.deepEqual(bad, [], `imports running up the layers (${LAYER_ORDER.join(' < ')}):\n${bad.join('\n')}`);
});

test('the layer check finds an import running up, and a module outside every layer', async () => {
  const os = await import('node:os');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  for (const d of ['core', 'theory']) fs.mkdirSync(path.join(root, d));
  fs.writeFileSync(path.join(root, 'theory', 'kernel.ts'), "import { a } from '../core/rng';\nexport const k = a;\n");
  fs.writeFileSync(path.join(root, 'core', 'rng.ts'), "import { k } from '../theory/kernel';\nexport const a = 1; void k;\n");
  assert.deepEqual(upwardImports(root), ['core/rng.ts → theory/kernel.ts']);
  fs.mkdirSync(path.join(root, 'misc'));
  fs.writeFileSync(path.join(root, 'misc', 'x.ts'), "import { a } from '../core/rng';\n");
  assert.throws(() => upwardImports(root), /misc\/x.ts is in no known layer folder/);
});
