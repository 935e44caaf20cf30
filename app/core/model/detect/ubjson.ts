// A reader for the UBJSON subset XGBoost writes (.ubj): no npm package for UBJSON is well kept, and
// XGBoost's use is small (objects, strongly typed arrays, numbers, strings).

export type Ubj = null | boolean | number | string | Ubj[] | { [k: string]: Ubj } | { typed: string; count: number };

export class UbjReader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  read(): Ubj {
    return this.value(this.marker());
  }

  private need(n: number) {
    if (this.pos + n > this.buf.length) throw new Error(`the UBJSON ends early at offset ${this.pos}`);
  }
  private marker(): string {
    this.need(1);
    return String.fromCharCode(this.buf[this.pos++]!);
  }
  private int(m: string): number {
    const sizes: Record<string, number> = { i: 1, U: 1, I: 2, l: 4, L: 8 };
    const n = sizes[m];
    if (!n) throw new Error(`expected an integer marker at ${this.pos - 1}, found '${m}'`);
    this.need(n);
    const at = this.pos;
    this.pos += n;
    switch (m) {
      case "i":
        return this.view.getInt8(at);
      case "U":
        return this.view.getUint8(at);
      case "I":
        return this.view.getInt16(at); // UBJSON is big-endian
      case "l":
        return this.view.getInt32(at);
      default:
        return Number(this.view.getBigInt64(at));
    }
  }
  private string(): string {
    const n = this.int(this.marker());
    this.need(n);
    this.pos += n;
    return new TextDecoder().decode(this.buf.subarray(this.pos - n, this.pos));
  }
  private value(m: string): Ubj {
    switch (m) {
      case "Z":
        return null;
      case "T":
        return true;
      case "F":
        return false;
      case "i":
      case "U":
      case "I":
      case "l":
      case "L":
        return this.int(m);
      case "d":
        this.need(4);
        this.pos += 4;
        return this.view.getFloat32(this.pos - 4);
      case "D":
        this.need(8);
        this.pos += 8;
        return this.view.getFloat64(this.pos - 8);
      case "C":
        this.need(1);
        return String.fromCharCode(this.buf[this.pos++]!);
      case "S":
      case "H":
        return this.string();
      case "[":
        return this.array();
      case "{":
        return this.object();
      default:
        throw new Error(`unknown UBJSON marker '${m}' at offset ${this.pos - 1}`);
    }
  }
  private container(): { type?: string; count?: number } {
    let type: string | undefined;
    let count: number | undefined;
    if (this.peek() === "$") {
      this.pos++;
      type = this.marker();
    }
    if (this.peek() === "#") {
      this.pos++;
      count = this.int(this.marker());
    }
    return { type, count };
  }
  private peek(): string {
    this.need(1);
    return String.fromCharCode(this.buf[this.pos]!);
  }
  private array(): Ubj {
    const { type, count } = this.container();
    if (type && count !== undefined) {
      // Typed numeric arrays (tree weights): step over them, their values are not needed here.
      const sizes: Record<string, number> = { i: 1, U: 1, I: 2, l: 4, L: 8, d: 4, D: 8, T: 0, F: 0, Z: 0 };
      const size = sizes[type];
      if (size !== undefined) {
        this.need(size * count);
        this.pos += size * count;
        return { typed: type, count };
      }
    }
    const out: Ubj[] = [];
    for (let i = 0; count === undefined ? this.peek() !== "]" : i < count; i++) out.push(this.value(type ?? this.marker()));
    if (count === undefined) this.pos++;
    return out;
  }
  private object(): Ubj {
    const { type, count } = this.container();
    const out: { [k: string]: Ubj } = {};
    for (let i = 0; count === undefined ? this.peek() !== "}" : i < count; i++) {
      const key = this.string();
      out[key] = this.value(type ?? this.marker());
    }
    if (count === undefined) this.pos++;
    return out;
  }
}
