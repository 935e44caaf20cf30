// A float32 .npy file (format 1.0) from nested number arrays: hand-written because the request
// bodies the tests send are this one case, and a numpy port for Node would be a heavy dependency.
// Layout: magic, version, header length (uint16 LE), a Python dict literal padded to 64 bytes, data.

function shapeOf(value: unknown): number[] {
  const shape: number[] = [];
  let v = value;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0];
  }
  return shape;
}

export function float32Npy(rows: unknown[]): Buffer {
  const shape = shapeOf(rows);
  const flat = (rows as unknown[]).flat(Infinity) as number[];
  if (flat.length !== shape.reduce((a, b) => a * b, 1)) throw new Error("ragged array: every row must have the same shape");
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")}${shape.length === 1 ? "," : ""}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const head = Buffer.alloc(10);
  head.write("\x93NUMPY", 0, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  const data = Buffer.alloc(flat.length * 4);
  flat.forEach((x, i) => data.writeFloatLE(x, i * 4));
  return Buffer.concat([head, Buffer.from(header, "latin1"), data]);
}
