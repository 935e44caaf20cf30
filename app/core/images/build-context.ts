import ignore from "@balena/dockerignore";
import { readFile } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import tar from "tar-fs";

export interface ContextOptions {
  /** Include artifacts/ even though .dockerignore leaves it out (the project bakes them in). */
  bakeArtifacts?: boolean;
  /** PEM bundle to add as certs/extra-ca.crt (a TLS-inspecting proxy's CA, for pip during the build). */
  extraCaCertsPath?: string;
}

/** The project folder as a tar stream, honouring .dockerignore like `docker build` does. */
export async function packBuildContext(projectDir: string, { bakeArtifacts, extraCaCertsPath }: ContextOptions = {}): Promise<{ stream: Readable; stats: { files: number; bytes: number } }> {
  const rules = await readFile(join(projectDir, ".dockerignore"), "utf8").then(
    (t) => t.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith("#")),
    () => [] as string[],
  );
  const ig = ignore().add(rules);
  if (!bakeArtifacts) ig.add(["artifacts", ".stagemaker", "stagemaker.json"]);
  // The Dockerfile is always sent, even when ignored, as the engine needs it.
  const keep = new Set(["Dockerfile", ".dockerignore"]);
  const extraCa = extraCaCertsPath ? await readFile(extraCaCertsPath) : undefined;
  const stats = { files: 0, bytes: 0 };
  const stream = tar.pack(projectDir, {
    ignore: (abs) => {
      const rel = relative(projectDir, abs).split(sep).join("/");
      if (keep.has(rel)) return false;
      if (bakeArtifacts && (rel === "artifacts" || rel.startsWith("artifacts/"))) return basename(rel).startsWith(".");
      return ig.ignores(rel);
    },
    map: (header) => {
      if (header.type === "file") {
        stats.files++;
        stats.bytes += header.size ?? 0;
      }
      return header;
    },
    finalize: !extraCa,
    finish: (pack) => {
      if (!extraCa) return;
      pack.entry({ name: "certs/stagemaker-extra-ca.crt", mode: 0o644 }, extraCa);
      stats.files++;
      stats.bytes += extraCa.length;
      pack.finalize();
    },
  });
  return { stream: stream as unknown as Readable, stats };
}
