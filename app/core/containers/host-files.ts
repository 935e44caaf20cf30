// Whether the server, root in its container with no capability, can read the host folders mounted
// into it. Root without CAP_DAC_OVERRIDE reads only files it owns or that everyone may read; a
// model file saved 0600 by the person's own user (not root) would then fail to load.
import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";

const OTHERS_READ = 0o004;
const OTHERS_EXEC = 0o001;

/** True when some file (or folder) under `dirs` is neither root's nor readable by everyone. */
export async function needsReadOverride(dirs: string[], limit = 10_000): Promise<boolean> {
  let seen = 0;
  const walk = async (path: string): Promise<boolean> => {
    if (++seen > limit) return false; // a huge tree: stop looking (the server's own error will say)
    const s = await lstat(path).catch(() => undefined);
    if (!s || s.isSymbolicLink()) return false;
    const readable = s.uid === 0 || ((s.mode & OTHERS_READ) !== 0 && (!s.isDirectory() || (s.mode & OTHERS_EXEC) !== 0));
    if (!readable) return true;
    if (!s.isDirectory()) return false;
    for (const name of await readdir(path).catch(() => [] as string[])) if (await walk(join(path, name))) return true;
    return false;
  };
  for (const d of dirs) if (await walk(d)) return true;
  return false;
}
