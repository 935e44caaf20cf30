// The rows of an .npy body (NumPy's documented format: magic, version, a length-prefixed header
// dict, then the data), read and repeated without NumPy. Hand-written: only the header is parsed,
// and only its shape and order; a body this does not understand is left as it is.

interface NpyLayout {
  rows: number;
  rest: number[];
  header: string;
  dataStart: number;
  version: number;
}

export function npyRows(body: Buffer): NpyLayout | null {
  if (body.length < 10 || body.subarray(0, 6).toString("latin1") !== "\x93NUMPY") return null;
  const version = body[6]!;
  const lengthSize = version === 1 ? 2 : 4;
  const headerLength = lengthSize === 2 ? body.readUInt16LE(8) : body.readUInt32LE(8);
  const dataStart = 8 + lengthSize + headerLength;
  if (dataStart > body.length) return null;
  const header = body.subarray(8 + lengthSize, dataStart).toString("latin1");
  if (/'fortran_order':\s*True/.test(header)) return null;
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shape === undefined) return null;
  const dims = shape
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean)
    .map(Number);
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 0)) return null;
  return { rows: dims[0]!, rest: dims.slice(1), header, dataStart, version };
}

/** The array with its rows repeated in turn up to `n` rows; null when it cannot be done safely. */
export function repeatNpyRows(body: Buffer, n: number): Buffer | null {
  const layout = npyRows(body);
  if (!layout || layout.rows === 0) return null;
  const data = body.subarray(layout.dataStart);
  if (data.length % layout.rows !== 0) return null;
  const rowBytes = data.length / layout.rows;
  const rows = Array.from({ length: n }, (_, i) => data.subarray((i % layout.rows) * rowBytes, ((i % layout.rows) + 1) * rowBytes));
  const shape = `(${[n, ...layout.rest].join(", ")}${layout.rest.length === 0 ? "," : ""})`;
  let dict = layout.header.replace(/'shape':\s*\([^)]*\)/, `'shape': ${shape}`).trimEnd();
  const lengthSize = layout.version === 1 ? 2 : 4;
  // The format pads the header with spaces so the data starts on a 64-byte boundary, ending in "\n".
  const used = 8 + lengthSize + dict.length + 1;
  dict += " ".repeat((64 - (used % 64)) % 64) + "\n";
  const prefix = Buffer.alloc(8 + lengthSize);
  body.copy(prefix, 0, 0, 8);
  if (lengthSize === 2) prefix.writeUInt16LE(dict.length, 8);
  else prefix.writeUInt32LE(dict.length, 8);
  return Buffer.concat([prefix, Buffer.from(dict, "latin1"), ...rows]);
}
