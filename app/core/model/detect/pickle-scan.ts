// Reads a pickle (and joblib's arrays between its frames) opcode by opcode without running it.
//
// Hand-written on purpose: parsers such as pickleparser build objects from the stream; we only
// want the names a load would import and a few strings, and must step over the raw numpy bytes
// joblib writes between pickle frames, which no general parser knows about.

export interface PickleScan {
  /** "module.name" of every GLOBAL / STACK_GLOBAL / INST, in order of first appearance. */
  globals: string[];
  sklearnVersion?: string;
  protocol?: number;
  /** False when the stream ended (or broke) before its STOP: truncated or not a pickle. */
  complete: boolean;
  /** Where and why the scan stopped early. */
  problem?: string;
}

type Value = string | number | boolean | null | { global: string } | Obj | Value[] | Dict | typeof MARK | { bytes: number };
interface Obj {
  of: Value;
  args: Value;
  state?: Value;
}
interface Dict {
  dict: [Value, Value][];
}
const MARK = Symbol("mark");

const isObj = (v: Value): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v) && "of" in v;
const isDict = (v: Value): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v) && "dict" in v;
const globalName = (v: Value) => (typeof v === "object" && v !== null && !Array.isArray(v) && "global" in v ? v.global : undefined);

class Truncated extends Error {}

/** Scans `buf` from `start`; a joblib file's arrays are stepped over using their wrapper's state. */
export function scanPickle(buf: Uint8Array, start = 0): PickleScan & { end: number } {
  const out: PickleScan = { globals: [], complete: false };
  const end = scanInto(buf, start, out);
  return { ...out, end };
}

function scanInto(buf: Uint8Array, start: number, out: PickleScan): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let pos = start;
  const stack: Value[] = [];
  const memo = new Map<number, Value>();
  const need = (n: number) => {
    if (n < 0 || pos + n > buf.length) throw new Truncated(`needs ${n} bytes at offset ${pos}`);
  };
  const u8 = () => (need(1), buf[pos++]!);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const u64 = () => {
    need(8);
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(buf.length)) throw new Truncated(`a length of ${v} bytes at offset ${pos - 8} is beyond the file`);
    return Number(v);
  };
  const text = (n: number) => (need(n), (pos += n), new TextDecoder("utf-8", { fatal: false }).decode(buf.subarray(pos - n, pos)));
  const line = () => {
    const nl = buf.indexOf(0x0a, pos);
    if (nl < 0) throw new Truncated(`a line opcode at ${pos} never ends`);
    const s = new TextDecoder("latin1").decode(buf.subarray(pos, nl));
    pos = nl + 1;
    return s;
  };
  const pop = () => (stack.length ? stack.pop()! : null);
  const popMark = () => {
    const i = stack.lastIndexOf(MARK);
    const items = i < 0 ? stack.splice(0) : stack.splice(i);
    if (i >= 0) items.shift();
    return items;
  };
  const addGlobal = (name: string) => {
    if (!out.globals.includes(name)) out.globals.push(name);
    return { global: name };
  };
  const skip = (n: number) => (need(n), (pos += n), { bytes: n });

  try {
    for (;;) {
      const at = pos;
      const op = u8();
      switch (op) {
        case 0x2e: // STOP
          out.complete = true;
          return pos;
        case 0x80:
          out.protocol ??= u8();
          break; // PROTO
        case 0x95:
          u64();
          break; // FRAME: the frame's opcodes follow inline
        case 0x28:
          stack.push(MARK);
          break; // MARK
        case 0x30:
          pop();
          break; // POP
        case 0x31:
          popMark();
          break; // POP_MARK
        case 0x32:
          stack.push(stack[stack.length - 1] ?? null);
          break; // DUP
        case 0x46:
        case 0x49:
        case 0x4c:
          stack.push(Number(line()));
          break; // FLOAT INT LONG
        case 0x4a:
          stack.push(i32());
          break; // BININT
        case 0x4b:
          stack.push(u8());
          break; // BININT1
        case 0x4d:
          stack.push(u16());
          break; // BININT2
        case 0x47:
          skip(8);
          stack.push(0);
          break; // BINFLOAT
        case 0x8a:
          skip(u8());
          stack.push(0);
          break; // LONG1
        case 0x8b:
          skip(u32());
          stack.push(0);
          break; // LONG4
        case 0x4e:
          stack.push(null);
          break; // NONE
        case 0x88:
          stack.push(true);
          break; // NEWTRUE
        case 0x89:
          stack.push(false);
          break; // NEWFALSE
        case 0x50:
          line();
          stack.push(null);
          break; // PERSID
        case 0x51:
          pop();
          stack.push(null);
          break; // BINPERSID
        case 0x53:
          stack.push(line().replace(/^['"]|['"]$/g, ""));
          break; // STRING
        case 0x54:
          stack.push(text(u32()));
          break; // BINSTRING
        case 0x55:
          stack.push(text(u8()));
          break; // SHORT_BINSTRING
        case 0x56:
          stack.push(line());
          break; // UNICODE (raw-unicode-escaped; names are ASCII)
        case 0x58:
          stack.push(text(u32()));
          break; // BINUNICODE
        case 0x8c:
          stack.push(text(u8()));
          break; // SHORT_BINUNICODE
        case 0x8d:
          stack.push(text(u64()));
          break; // BINUNICODE8
        case 0x42:
          stack.push(skip(u32()));
          break; // BINBYTES
        case 0x43:
          stack.push(skip(u8()));
          break; // SHORT_BINBYTES
        case 0x8e:
        case 0x96:
          stack.push(skip(u64()));
          break; // BINBYTES8 BYTEARRAY8
        case 0x97:
          stack.push(null);
          break; // NEXT_BUFFER
        case 0x98:
          break; // READONLY_BUFFER
        case 0x63:
          stack.push(addGlobal(`${line()}.${line()}`));
          break; // GLOBAL
        case 0x93: {
          // STACK_GLOBAL
          const name = pop();
          const module = pop();
          stack.push(addGlobal(`${typeof module === "string" ? module : "?"}.${typeof name === "string" ? name : "?"}`));
          break;
        }
        case 0x69: {
          // INST: class by name, arguments since MARK
          const cls = addGlobal(`${line()}.${line()}`);
          stack.push({ of: cls, args: popMark() });
          break;
        }
        case 0x6f: {
          // OBJ
          const items = popMark();
          stack.push({ of: items[0] ?? null, args: items.slice(1) });
          break;
        }
        case 0x82:
          u8();
          stack.push(null);
          break; // EXT1
        case 0x83:
          u16();
          stack.push(null);
          break; // EXT2
        case 0x84:
          i32();
          stack.push(null);
          break; // EXT4
        case 0x52:
        case 0x81: {
          // REDUCE NEWOBJ
          const args = pop();
          stack.push({ of: pop(), args });
          break;
        }
        case 0x92: {
          // NEWOBJ_EX
          pop();
          const args = pop();
          stack.push({ of: pop(), args });
          break;
        }
        case 0x62: {
          // BUILD
          const state = pop();
          const target = stack[stack.length - 1];
          if (target !== undefined && isObj(target)) target.state = state;
          noteVersion(state, out);
          if (target !== undefined && isObj(target) && globalName(target.of) === "joblib.numpy_pickle.NumpyArrayWrapper") {
            stack.pop();
            pos = skipJoblibArray(buf, pos, target, out);
            stack.push(null);
          }
          break;
        }
        case 0x7d:
          stack.push({ dict: [] });
          break; // EMPTY_DICT
        case 0x5d:
        case 0x29:
        case 0x8f:
          stack.push([]);
          break; // EMPTY_LIST EMPTY_TUPLE EMPTY_SET
        case 0x64: {
          // DICT
          const items = popMark();
          const d: Dict = { dict: [] };
          for (let i = 0; i + 1 < items.length; i += 2) d.dict.push([items[i]!, items[i + 1]!]);
          stack.push(d);
          break;
        }
        case 0x73: {
          // SETITEM
          const v = pop();
          const k = pop();
          const d = stack[stack.length - 1];
          if (d !== undefined && isDict(d)) d.dict.push([k, v]);
          break;
        }
        case 0x75: {
          // SETITEMS
          const items = popMark();
          const d = stack[stack.length - 1];
          if (d !== undefined && isDict(d)) for (let i = 0; i + 1 < items.length; i += 2) d.dict.push([items[i]!, items[i + 1]!]);
          break;
        }
        case 0x61: {
          // APPEND
          const v = pop();
          const l = stack[stack.length - 1];
          if (Array.isArray(l)) l.push(v);
          break;
        }
        case 0x65:
        case 0x90: {
          // APPENDS ADDITEMS
          const items = popMark();
          const l = stack[stack.length - 1];
          if (Array.isArray(l)) l.push(...items);
          break;
        }
        case 0x6c:
        case 0x74:
        case 0x91:
          stack.push(popMark());
          break; // LIST TUPLE FROZENSET
        case 0x85:
          stack.push([pop()]);
          break; // TUPLE1
        case 0x86: {
          const b = pop();
          stack.push([pop(), b]);
          break;
        } // TUPLE2
        case 0x87: {
          const c = pop();
          const b = pop();
          stack.push([pop(), b, c]);
          break;
        } // TUPLE3
        case 0x67:
          stack.push(memo.get(Number(line())) ?? null);
          break; // GET
        case 0x68:
          stack.push(memo.get(u8()) ?? null);
          break; // BINGET
        case 0x6a:
          stack.push(memo.get(u32()) ?? null);
          break; // LONG_BINGET
        case 0x70:
          memo.set(Number(line()), stack[stack.length - 1] ?? null);
          break; // PUT
        case 0x71:
          memo.set(u8(), stack[stack.length - 1] ?? null);
          break; // BINPUT
        case 0x72:
          memo.set(u32(), stack[stack.length - 1] ?? null);
          break; // LONG_BINPUT
        case 0x94:
          memo.set(memo.size, stack[stack.length - 1] ?? null);
          break; // MEMOIZE
        default:
          out.problem = `byte 0x${op.toString(16).padStart(2, "0")} at offset ${at} is not a pickle opcode`;
          return at;
      }
    }
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
    out.problem = `the file ends early: ${err.message}`;
    return buf.length;
  }
}

function noteVersion(state: Value, out: PickleScan) {
  if (out.sklearnVersion || state === null || !isDict(state)) return;
  for (const [k, v] of state.dict) if (k === "_sklearn_version" && typeof v === "string") out.sklearnVersion = v;
}

const field = (d: Value | undefined, key: string): Value | undefined => (d && isDict(d) ? d.dict.find(([k]) => k === key)?.[1] : undefined);

/** joblib writes each numpy array's bytes right after its wrapper's BUILD: step over them. */
function skipJoblibArray(buf: Uint8Array, pos: number, wrapper: Obj, out: PickleScan): number {
  const state = wrapper.state;
  const shape = field(state, "shape");
  const dtype = field(state, "dtype");
  if (!Array.isArray(shape) || !dtype || !isObj(dtype)) throw new Truncated(`a joblib array at ${pos} has no readable shape/dtype`);
  const code = Array.isArray(dtype.args) && typeof dtype.args[0] === "string" ? dtype.args[0] : "";
  if (code.startsWith("O")) {
    // Object arrays are a nested protocol-2 pickle of their own.
    const nested = { globals: out.globals, complete: false } as PickleScan;
    const end = scanInto(buf, pos, nested);
    if (!nested.complete) throw new Truncated(nested.problem ?? `a nested pickle at ${pos} did not end`);
    return end;
  }
  const elsize = Array.isArray(dtype.state) && typeof dtype.state[5] === "number" && dtype.state[5] > 0 ? dtype.state[5] : itemSize(code);
  const count = shape.reduce<number>((n, d) => n * (typeof d === "number" ? d : 0), 1);
  let at = pos;
  const align = field(state, "numpy_array_alignment_bytes");
  if (typeof align === "number") {
    if (at >= buf.length) throw new Truncated(`a joblib array's padding at ${at}`);
    at += 1 + buf[at]!;
  }
  at += count * elsize;
  if (at > buf.length) throw new Truncated(`a joblib array of ${count * elsize} bytes at ${pos}`);
  return at;
}

function itemSize(code: string): number {
  const m = /^[<>|=]?([a-zA-Z])(\d*)/.exec(code);
  if (!m) return 0;
  const n = Number(m[2] || 1);
  if (m[1] === "U") return 4 * n;
  if (m[1] === "?" || (m[1] === "b" && !m[2])) return 1;
  return n;
}
