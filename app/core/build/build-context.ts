import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Readable } from "node:stream";
import tar from "tar-fs";
import { contextIgnore } from "./context-ignore";

export interface ContextOptions {
  /** Include artifacts/ even though .dockerignore leaves it out (the project bakes them in). */
  bakeArtifacts?: boolean;
  /** PEM bundle to add as certs/extra-ca.crt (a TLS-inspecting proxy's CA, for pip during the build). */
  extraCaCertsPath?: string;
}

/** Dockerfile used when artifacts are baked in: the project's own, plus one COPY at the end. */
export const BAKE_DOCKERFILE = "Dockerfile.stagemaker-bake";

/** The project folder as a tar stream, honouring .dockerignore like `docker build` does. */
export async function packBuildContext(
  projectDir: string,
  { bakeArtifacts, extraCaCertsPath }: ContextOptions = {},
): Promise<{ stream: Readable; stats: { files: number; bytes: number } }> {
  const ignored = await contextIgnore(projectDir, { bakeArtifacts });
  const extraCa = extraCaCertsPath ? await readFile(extraCaCertsPath) : undefined;
  // Baking appends the COPY here rather than asking every template to know about it.
  const bake = bakeArtifacts
    ? Buffer.from(
        `${await readFile(join(projectDir, "Dockerfile"), "utf8")}\n# Added by Stagemaker: artifacts baked into the image.\nCOPY artifacts/ /opt/ml/model/\n`,
      )
    : undefined;
  const extras: { name: string; body: Buffer }[] = [];
  if (extraCa) extras.push({ name: "certs/stagemaker-extra-ca.crt", body: extraCa });
  if (bake) extras.push({ name: BAKE_DOCKERFILE, body: bake });
  const stats = { files: 0, bytes: 0 };
  const stream = tar.pack(projectDir, {
    ignore: (abs) => ignored(relative(projectDir, abs).split(sep).join("/")),
    map: (header) => {
      if (header.type === "file") {
        stats.files++;
        stats.bytes += header.size ?? 0;
      }
      return header;
    },
    finalize: extras.length === 0,
    finish: (pack) => {
      if (extras.length === 0) return;
      for (const e of extras) {
        pack.entry({ name: e.name, mode: 0o644 }, e.body);
        stats.files++;
        stats.bytes += e.body.length;
      }
      pack.finalize();
    },
  });
  return { stream: stream as unknown as Readable, stats };
}
