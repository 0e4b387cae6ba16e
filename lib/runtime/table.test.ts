import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableRow, toDataFrame } from './table';

test('result table: numbers Float64, integer config columns Int64, numeric lists as list columns, lists of objects as JSON text', () => {
  const rows = [
    tableRow({ width: 8 }, 1, { loss: 0.5, curve: [1, 2], epochs: [{ epoch: 0, cost: 1.5 }] }),
    tableRow({ width: 16 }, 2, { loss: 0.25, curve: [3], epochs: [{ epoch: 0, cost: 0.5 }, { epoch: 10, cost: 0.1 }] }),
  ];
  const df = toDataFrame(rows, ['width', 'seed']);
  assert.deepEqual(df.columns, ['width', 'seed', 'loss', 'curve', 'epochs']);
  assert.match(String(df.getColumn('width').dtype), /Int64/);
  assert.match(String(df.getColumn('loss').dtype), /Float64/);
  assert.deepEqual([...df.getColumn('curve').toArray()].map((v) => [...(v as Iterable<number>)]), [[1, 2], [3]]);
  const epochs = df.getColumn('epochs').toArray().map((v) => JSON.parse(v as string));
  assert.deepEqual(epochs[1], [{ epoch: 0, cost: 0.5 }, { epoch: 10, cost: 0.1 }], 'the JSON text reads back the records');
});

test('a column mixing kinds is refused, naming the column', () => {
  assert.throws(() => toDataFrame([{ a: 1 }, { a: 'x' }]), /result table column 'a' cannot be built: mixes number and string values/);
});
