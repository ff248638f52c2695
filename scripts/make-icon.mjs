// Draws the extension's icon (images/icon.png, 256x256) with no image tools: shapes as signed
// distances, 4x4 supersampling for smooth edges, and a PNG written with node:zlib. Run it again
// after changing the drawing: `node scripts/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 256;

// signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh), radius r
const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
// distance to the segment (ax, ay)-(bx, by), minus half the stroke width
const segment = (x, y, ax, ay, bx, by, w) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - w / 2;
};

// layers, bottom to top: [distance function, [r, g, b]]
const layers = [
  [(x, y) => roundedRect(x, y, 128, 128, 120, 120, 44), [0x1f, 0x6f, 0x78]], // teal tile
  [(x, y) => roundedRect(x, y, 112, 124, 62, 80, 10), [0xff, 0xff, 0xff]], // the note
  ...[84, 112, 140, 168].map((ly, i) => [(x, y) => segment(x, y, 72, ly, i % 2 ? 130 : 150, ly, 10), [0x9f, 0xb9, 0xbd]]), // its lines
  [(x, y) => circle(x, y, 178, 184, 46), [0xf2, 0xa5, 0x41]], // the check's badge
  [(x, y) => Math.min(segment(x, y, 156, 184, 172, 200, 12), segment(x, y, 172, 200, 202, 166, 12)), [0xff, 0xff, 0xff]], // the check
];

const pixels = Buffer.alloc(SIZE * SIZE * 4);
const S = 4;
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < S; sy++) {
      for (let sx = 0; sx < S; sx++) {
        const x = px + (sx + 0.5) / S;
        const y = py + (sy + 0.5) / S;
        let colour = null;
        for (const [distance, rgb] of layers) if (distance(x, y) <= 0) colour = rgb;
        if (colour) {
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
    }
    const o = (py * SIZE + px) * 4;
    pixels[o] = a ? Math.round(r / a) : 0;
    pixels[o + 1] = a ? Math.round(g / a) : 0;
    pixels[o + 2] = a ? Math.round(b / a) : 0;
    pixels[o + 3] = Math.round((a / (S * S)) * 255);
  }
}

// PNG: signature, IHDR, one IDAT of filter-0 scanlines, IEND; each chunk with its CRC-32
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const scanlines = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(scanlines, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(scanlines, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
