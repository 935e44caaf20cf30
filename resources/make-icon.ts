import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

/**
 * Draws the app icon (a model's layers standing on a stage, with a "send" arrow) into
 * resources/icon.png at 1024×1024, 4×4 supersampled. Run: npx tsx resources/make-icon.ts
 */
const size = 1024;
type RGBA = [number, number, number, number];

const roundedRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= r * r;
};
const triangle = (x: number, y: number, [ax, ay]: number[], [bx, by]: number[], [cx, cy]: number[]) => {
  const s = (px: number, py: number, qx: number, qy: number, rx: number, ry: number) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax!, ay!, bx!, by!);
  const d2 = s(x, y, bx!, by!, cx!, cy!);
  const d3 = s(x, y, cx!, cy!, ax!, ay!);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const mix = (a: RGBA, b: RGBA, t: number): RGBA => [0, 1, 2, 3].map((i) => a[i]! + (b[i]! - a[i]!) * t) as RGBA;
const over = (dst: RGBA, src: RGBA): RGBA => {
  const a = src[3] + dst[3] * (1 - src[3]);
  if (a === 0) return [0, 0, 0, 0];
  return [0, 1, 2].map((i) => (src[i]! * src[3] + dst[i]! * dst[3] * (1 - src[3])) / a).concat(a) as RGBA;
};

function sample(u: number, v: number): RGBA {
  let c: RGBA = [0, 0, 0, 0];
  if (roundedRect(u, v, 0.04, 0.04, 0.96, 0.96, 0.2)) c = mix([15, 118, 110, 1], [30, 58, 138, 1], v);
  // Layers of the model, narrowing upwards.
  const layers: [number, number, number][] = [
    [0.56, 0.26, 0.95],
    [0.44, 0.32, 0.85],
    [0.32, 0.38, 0.75],
  ];
  for (const [top, inset, alpha] of layers) if (roundedRect(u, v, inset, top, 1 - inset - 0.08, top + 0.09, 0.03)) c = over(c, [255, 255, 255, alpha]);
  // The stage.
  if (roundedRect(u, v, 0.16, 0.7, 0.84, 0.78, 0.035)) c = over(c, [226, 232, 240, 1]);
  // The request arrow.
  if (triangle(u, v, [0.71, 0.3], [0.71, 0.58], [0.88, 0.44])) c = over(c, [245, 158, 11, 1]);
  return c;
}

const ss = 4;
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) {
  raw[y * (size * 4 + 1)] = 0;
  for (let x = 0; x < size; x++) {
    let acc: RGBA = [0, 0, 0, 0];
    for (let sy = 0; sy < ss; sy++)
      for (let sx = 0; sx < ss; sx++) {
        const c = sample((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
        acc = [acc[0] + c[0] * c[3], acc[1] + c[1] * c[3], acc[2] + c[2] * c[3], acc[3] + c[3]];
      }
    const a = acc[3] / (ss * ss);
    const o = y * (size * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(acc[0] / acc[3]) : 0;
    raw[o + 1] = a ? Math.round(acc[1] / acc[3]) : 0;
    raw[o + 2] = a ? Math.round(acc[2] / acc[3]) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk("IHDR", header),
  chunk("IDAT", deflateSync(raw, { level: 9 })),
  chunk("IEND", Buffer.alloc(0)),
]);
writeFileSync(join(import.meta.dirname, "icon.png"), png);
console.log(`resources/icon.png: ${size}×${size}, ${png.length} bytes`);
