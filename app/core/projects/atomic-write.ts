// Writes that leave the old file whole when they fail half-way.
import writeFileAtomicLib from "write-file-atomic";

/**
 * Writes via a temporary file in the same folder, fsync and a rename (write-file-atomic), so a failed
 * write leaves the old file. Kept as a named function so callers do not depend on the library.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return writeFileAtomicLib(path, typeof data === "string" ? data : Buffer.from(data));
}
