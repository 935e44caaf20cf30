// NumPy's .npy files (application/x-npy) ⇄ nested JavaScript arrays, for the invoke form, the response
// inspector and the CLI. The format itself is npyjs's (parse, dump, reshape); this adds what a request
// needs around it: the shape of a nested list, the dtype a field's numbers take, and a one-line summary.
import { dump, type DType, parse } from "npyjs";
import { reshape } from "npyjs/reshape";

/** The element types the form writes: NumPy's float32 (Keras, PyTorch and TensorFlow's default), float64, int64, bool. */
export type NpyWriteType = "f4" | "f8" | "i8" | "b1";

export interface NpyArray {
  /** NumPy's name for it: float32, int64, bool… */
  dtype: string;
  shape: number[];
  /** Nested lists, as numpy's tolist() gives them (int64 as numbers, bool as booleans). */
  values: unknown;
  bytes: number;
}

const NAMES: Record<string, string> = {
  i1: "int8",
  u1: "uint8",
  i2: "int16",
  u2: "uint16",
  i4: "int32",
  u4: "uint32",
  i8: "int64",
  u8: "uint64",
  f2: "float16",
  f4: "float32",
  f8: "float64",
  b1: "bool",
  c8: "complex64",
  c16: "complex128",
};

/** Reads a .npy file's bytes; throws with the reason when they are not one (pickled object arrays are refused, as numpy does with allow_pickle=False). */
export function readNpy(bytes: Uint8Array): NpyArray {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== "NUMPY") throw new Error("not a .npy file (it does not start with \\x93NUMPY)");
  const header = new TextDecoder("latin1").decode(bytes.subarray(10, 10 + 256));
  if (/'descr':\s*'\|O'/.test(header))
    throw new Error("an object array (pickled Python objects): save numbers, e.g. numpy.asarray(x, dtype='float32')");
  // parse wants an ArrayBuffer of its own: a Node Buffer's .buffer is a shared pool, and Buffer.slice is a view.
  const copy = new Uint8Array(bytes);
  littleEndian(copy);
  const a = parse(copy.buffer);
  const flat = Array.from(a.data as unknown as ArrayLike<number | bigint | boolean>, (v) => (typeof v === "bigint" ? Number(v) : v));
  const values: unknown[] = a.dtype === "b1" ? flat.map(Boolean) : flat; // npyjs gives booleans or 0/1 by byte order
  return {
    dtype: NAMES[a.dtype] ?? a.dtype,
    shape: a.shape,
    values: a.shape.length === 0 ? values[0] : reshape(values, a.shape, a.fortranOrder),
    bytes: bytes.length,
  };
}

/**
 * npyjs reads little-endian data only; a big-endian array ('>i8', which numpy writes on such machines or
 * when asked) is turned little-endian in place: each element's bytes reversed, '>' written as '<'.
 */
function littleEndian(bytes: Uint8Array): void {
  const version = bytes[6];
  const headerStart = version === 1 ? 10 : 12;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const headerLength = version === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const header = new TextDecoder("latin1").decode(bytes.subarray(headerStart, headerStart + headerLength));
  const m = /'descr':\s*'>([iufc])(\d+)'/.exec(header);
  if (!m) return;
  const size = m[1] === "c" ? Number(m[2]) / 2 : Number(m[2]); // a complex number is two floats
  for (let i = headerStart + headerLength; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
  const at = headerStart + header.indexOf("'>") + 1;
  bytes[at] = "<".charCodeAt(0);
}

/** The shape of a rectangular nested list ([[1, 2], [3, 4]] → [2, 2]); throws for a ragged one or a non-number. */
export function shapeOf(value: unknown): number[] {
  if (!Array.isArray(value)) {
    if (typeof value !== "number" && typeof value !== "boolean") throw new Error(`${JSON.stringify(value)} is not a number`);
    return [];
  }
  if (value.length === 0) return [0];
  const inner = shapeOf(value[0]);
  for (const item of value.slice(1))
    if (shapeOf(item).join(",") !== inner.join(","))
      throw new Error(
        `a ragged array: rows of shape (${inner.join(", ")}) and (${shapeOf(item).join(", ")}); every row must have the same shape`,
      );
  return [value.length, ...inner];
}

/** A nested list of numbers as a .npy file of the given element type. */
export function writeNpy(value: unknown, type: NpyWriteType = "f4"): Uint8Array {
  const shape = shapeOf(value);
  const flat = (Array.isArray(value) ? value.flat(Infinity) : [value]) as (number | boolean)[];
  const numbers = flat.map(Number);
  const data =
    type === "i8"
      ? BigInt64Array.from(numbers, (n) => BigInt(Math.trunc(n)))
      : type === "b1"
        ? Uint8Array.from(numbers, (n) => (n ? 1 : 0))
        : type === "f8"
          ? Float64Array.from(numbers)
          : Float32Array.from(numbers);
  return new Uint8Array(dump(data, shape, { dtype: type as DType }));
}

/** "float32 (2, 8, 8, 1) · 1,152 bytes", the way numpy prints a shape. */
export function npySummary(a: Pick<NpyArray, "dtype" | "shape" | "bytes">): string {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(", ")})`;
  return `${a.dtype} ${shape} · ${a.bytes.toLocaleString("en-US")} bytes`;
}

/** base64 ⇄ bytes in both the browser and Node (no Buffer in the renderer). */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function base64ToBytes(text: string): Uint8Array {
  const raw = atob(text);
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** How many bytes a base64 text holds (its padding subtracted). */
export function base64Bytes(text: string): number {
  return Math.floor((text.length * 3) / 4) - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
}
