import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { encodePng, decodePng, pngDataUri, decodePngDataUri, crc32 } from './png';

test('crc32 of the standard check string', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('PNG round trip: what the encoder writes decodes back to the same pixels', () => {
  const w = 37, h = 11;
  const rgba = new Uint8Array(w * h * 4).map((_, i) => (i * 7919) % 256);
  const png = encodePng(w, h, rgba);
  assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
  const d = decodePng(png);
  assert.equal(d.width, w);
  assert.equal(d.height, h);
  assert.deepEqual(d.rgba, rgba);
  assert.deepEqual(decodePngDataUri(pngDataUri(w, h, rgba)).rgba, rgba);
  assert.throws(() => encodePng(2, 2, new Uint8Array(3)), /expected 16 bytes/);
  const bad = Buffer.from(png);
  bad[20] ^= 1;
  assert.throws(() => decodePng(bad), /bad CRC/);
});

test('the decoder undoes every PNG filter (a hand-made RGB image with filters 1–4)', () => {
  const w = 3, h = 4, bpp = 3;
  const px = Uint8Array.from({ length: w * h * bpp }, (_, i) => (i * 37 + 11) % 256);
  const raw: number[] = [];
  for (let y = 0; y < h; y++) {
    const f = y + 1;
    raw.push(f);
    for (let i = 0; i < w * bpp; i++) {
      const a = i >= bpp ? px[y * w * bpp + i - bpp] : 0, up = y ? px[(y - 1) * w * bpp + i] : 0, c = y && i >= bpp ? px[(y - 1) * w * bpp + i - bpp] : 0;
      const p = a + up - c, pa = Math.abs(p - a), pb = Math.abs(p - up), pc = Math.abs(p - c);
      const pred = f === 1 ? a : f === 2 ? up : f === 3 ? (a + up) >> 1 : pa <= pb && pa <= pc ? a : pb <= pc ? up : c;
      raw.push((px[y * w * bpp + i] - pred) & 0xff);
    }
  }
  // reuse the encoder's chunk layout by patching an RGBA PNG: simplest is to build chunks by hand
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const png = Buffer.concat([encodePng(1, 1, new Uint8Array(4)).subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.from(raw))), chunk('IEND', Buffer.alloc(0))]);
  const d = decodePng(png);
  for (let i = 0; i < w * h; i++) {
    assert.deepEqual([...d.rgba.subarray(i * 4, i * 4 + 3)], [...px.subarray(i * 3, i * 3 + 3)]);
    assert.equal(d.rgba[i * 4 + 3], 255);
  }
});
