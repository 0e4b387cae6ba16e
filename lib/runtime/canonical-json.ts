/** Canonical JSON (sorted keys, non-finite numbers tagged) and sha256, the basis of task keys and cache checksums. */
import { createHash } from 'crypto';

/** A non-finite number as stored: `{"$nonfinite": "NaN" | "Infinity" | "-Infinity"}` (plain JSON has no NaN). */
const TAG = '$nonfinite';

function encode(v: unknown, where: string): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : { [TAG]: String(v) };
  if (Array.isArray(v)) return v.map((x, i) => encode(x, `${where}[${i}]`));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<number>, (x, i) => encode(x, `${where}[${i}]`));
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${where} must be plain JSON data (objects, arrays, numbers, strings, booleans, null), but got a ${proto?.constructor?.name ?? 'non-plain object'}`);
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined) continue;
      out[k] = encode(x, `${where}.${k}`);
    }
    return out;
  }
  throw new TypeError(`${where} must be plain JSON data, but got ${typeof v} (${String(v)})`);
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === TAG) return Number(o[TAG]);
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

/** Canonical JSON text of plain data: object keys sorted, undefined members dropped, −0 as 0, NaN/±Infinity tagged. Throws naming the path of anything not JSON-able (functions, class instances, bigint). */
export function canonicalJson(v: unknown, name = 'value'): string {
  return JSON.stringify(encode(v, name));
}

/** Inverse of canonicalJson: parses and restores tagged non-finite numbers. */
export function parseCanonical(text: string): unknown {
  return decode(JSON.parse(text));
}

/** Hex sha256 of a string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
