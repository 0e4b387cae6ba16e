import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffClaims, formatChanges, ledgersOf, readClaims } from './claims-diff';

const nb = (claims: { id: string; verdict: string; measured: string }[]) => [{ notebook: '04-ising', claims }];

test('diffClaims: changed verdicts, changed measurements, added and removed claims', () => {
  const base = nb([{ id: 'M1', verdict: 'reproduced', measured: '1' }, { id: 'M2', verdict: 'reproduced', measured: '2' }, { id: 'M6', verdict: 'not reproduced', measured: 'x' }]);
  const head = nb([{ id: 'M1', verdict: 'reproduced', measured: '1.01' }, { id: 'M2', verdict: 'inconclusive', measured: '2' }, { id: 'M7', verdict: 'reproduced', measured: 'y' }]);
  const all = diffClaims(base, head);
  assert.deepEqual(all.map((c) => `${c.id}:${c.before}→${c.after}`), ['M1:reproduced→reproduced', 'M2:reproduced→inconclusive', 'M6:not reproduced→(removed)', 'M7:(new)→reproduced']);
  const v = diffClaims(base, head, true);
  assert.deepEqual(v.map((c) => c.id), ['M2', 'M6', 'M7']);
  assert.match(formatChanges(v, true), /04 M2 {5}reproduced → inconclusive/);
  assert.equal(formatChanges(diffClaims(base, base)), 'no claim changed');
});

test('readClaims: a site claims.json, one notebook ledger, and a clear error otherwise', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdiff-'));
  const site = path.join(dir, 'claims.json'), one = path.join(dir, 'one.json');
  fs.writeFileSync(site, JSON.stringify({ notebooks: nb([{ id: 'a', verdict: 'partly', measured: '' }]) }));
  fs.writeFileSync(one, JSON.stringify({ notebook: '00-x', claims: [{ id: 'b', verdict: 'reproduced', measured: '' }] }));
  assert.equal(readClaims(site)[0].claims[0].id, 'a');
  assert.equal(readClaims(one)[0].notebook, '00-x');
  assert.throws(() => readClaims('no-such-ref-or-file'), /neither a claims.json file nor a git ref holding ledger\/claims\.default\.json/);
  assert.throws(() => ledgersOf({ foo: 1 }, 'x.json'), /x.json is not a claims file/);
});
