/**
 * Checks that server-template/ stands alone (exported repos carry only it): no file points outside it.
 * Hand-written because no linter for Python, Dockerfiles and Makefiles at once knows about "outside this folder";
 * ruff, black and mypy keep checking the Python itself. Run: `tsx scripts/layers/template-standalone.ts [dir]`.
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { TOOL_FOLDERS } from "../../app/contract/code";

export interface Escape {
  file: string; // relative to the template
  line: number;
  what: string;
}

const SKIP_DIRS = new Set([...TOOL_FOLDERS, "wheelhouse"]);
/** A relative path that climbs: "../x", "../../app/core", in quotes, after COPY, in a Makefile… */
const CLIMBING_PATH = /(?:^|[\s"'`=(,:[])((?:\.\.\/)+[^\s"'`),\]]*|\.\.(?=["'`\s]|$))/g;
/** Python climbing from its own file: Path(__file__).parent.parent…, .parents[N]. */
const FILE_PARENTS = /Path\(__file__\)(?:\.resolve\(\)|\.absolute\(\))?(\.parents\[(\d+)\]|(?:\.parent(?!s))+)/g;

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const outside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
};

/** Every reference in `root` that lands outside it: climbing paths, Path(__file__) parents, symlinks. */
export function templateEscapes(root: string): Escape[] {
  const found: Escape[] = [];
  for (const path of files(root)) {
    const file = relative(root, path);
    if (lstatSync(path).isSymbolicLink()) {
      const target = resolve(dirname(path), readlinkSync(path));
      if (outside(root, target)) found.push({ file, line: 0, what: `symlink to ${readlinkSync(path)}` });
      continue;
    }
    const text = readFileSync(path);
    if (text.includes(0)) continue; // binary
    const depth = file.split(sep).length - 1; // folders between the template root and this file
    text
      .toString("utf8")
      .split("\n")
      .forEach((lineText, i) => {
        for (const m of lineText.matchAll(CLIMBING_PATH)) {
          const ref = m[1]!;
          if (outside(root, resolve(dirname(path), ref))) found.push({ file, line: i + 1, what: `path ${ref} leaves the template` });
        }
        for (const m of lineText.matchAll(FILE_PARENTS)) {
          // Path(__file__).parent is the file's own folder; each further step climbs one.
          const climbs = m[2] !== undefined ? Number(m[2]) + 1 : m[1]!.split(".parent").length - 1;
          if (climbs - 1 > depth) found.push({ file, line: i + 1, what: `${m[0]} climbs above the template` });
        }
      });
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", "server-template"));
  const escapes = templateEscapes(root);
  for (const e of escapes) process.stderr.write(`${join(relative(process.cwd(), root), e.file)}:${e.line}: ${e.what}\n`);
  if (escapes.length) {
    process.stderr.write(`server-template must stand alone (exported repos carry only it): ${escapes.length} reference(s) outside it.\n`);
    process.exit(1);
  }
  console.log(`server-template stands alone: no reference outside ${relative(process.cwd(), root) || "."}`);
}
