import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataAndTheorySpec } from './plots';
import { renderSvg } from '../../report/plot';

test('dataAndTheorySpec: points first, dashed theory last, renders', async () => {
  const spec = dataAndTheorySpec([{ x: 1, y: 1, e: 0.1, s: 'MC L = 8' }, { x: 2, y: 2, e: 0.1, s: 'MC L = 8' }],
    [{ x: 1, y: 1.1, s: 'theory' }, { x: 2, y: 2.1, s: 'theory' }], { x: 'x', y: 'y', yErr: 'e', color: 's', xTitle: 'x (units)', yTitle: 'y (units)' });
  const layers = spec.layer as Record<string, unknown>[];
  assert.equal(layers.length, 2);
  assert.deepEqual((layers[1].mark as { strokeDash: number[] }).strokeDash, [6, 3]);
  assert.match(await renderSvg(spec), /<svg/);
  assert.throws(() => dataAndTheorySpec([], [], { x: 'x', y: 'y', xTitle: 'a', yTitle: 'b' }), /not both empty/);
});
