// A float32 .npy file from nested number arrays (the tests' request bodies), written by the same npyjs
// writer the invoke form uses; NumPy's own reading of it is checked in ../npy-numpy.test.ts.
import { writeNpy } from "../../../contract";

export function float32Npy(rows: unknown[]): Buffer {
  return Buffer.from(writeNpy(rows, "f4"));
}
