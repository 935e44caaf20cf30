// Test support: trains the deep-learning zoo entries at test time in a pinned trainer image per
// framework (built once, tagged by the hash of its files, so later runs reuse it) and reads each
// entry's expected.json (the framework's own outputs on its rows).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { z } from "zod";
import { ensureTrainerImage, hostUser, runTrainer } from "./trainer-image";

// The trainers' Dockerfiles and scripts live with the zoo (zoo/deeplearning/).
const here = fileURLToPath(new URL("../../../../zoo/deeplearning/", import.meta.url));

export const Trainers = {
  keras: ["keras.Dockerfile", "train_keras.py"],
  torch: ["torch.Dockerfile", "train_torch.py"],
  tensorflow: ["tensorflow.Dockerfile", "train_tensorflow.py"],
} as const;
export type Trainer = keyof typeof Trainers;
const trainerFiles = (trainer: Trainer) => ["common.py", ...Trainers[trainer]];

const Nested: z.ZodType<unknown> = z.lazy(() => z.union([z.number(), z.array(Nested)]));
export const DeepEntry = z.object({
  name: z.string(),
  framework: z.string(),
  version: z.string(),
  what: z.string(),
  artifact: z.string(),
  /** flat: rows are lists of numbers (CSV-able); tensor: each row is one tensor, or one per input. */
  input: z.enum(["flat", "tensor"]),
  rows: z.array(z.array(Nested)),
  /** The framework's own outputs, one per row (a list of class scores, or a value). */
  outputs: z.array(Nested),
  labels: z.array(z.number().int()).optional(),
  dir: z.string(),
});
export type DeepEntry = z.infer<typeof DeepEntry>;

export function trainerTag(trainer: Trainer): string {
  const hash = createHash("sha256");
  for (const f of trainerFiles(trainer)) hash.update(readFileSync(join(here, f)));
  return `stagemaker-test/deeplearning-${trainer}:${hash.digest("hex").slice(0, 12)}`;
}

/** Builds the trainer image unless this tag is already on the engine. */
export async function ensureTrainer(docker: Docker, trainer: Trainer, tag: string): Promise<void> {
  await ensureTrainerImage(docker, tag, { dir: here, files: trainerFiles(trainer), dockerfile: Trainers[trainer][0], what: trainer });
}

/** Trains every entry of `trainer` into a new temporary folder (root); entries by name. */
export async function trainDeepLearning(trainer: Trainer): Promise<{ root: string; entries: Record<string, DeepEntry> }> {
  const docker = new Docker();
  const tag = trainerTag(trainer);
  await ensureTrainer(docker, trainer, tag);
  const out = mkdtempSync(join(tmpdir(), `smk-dl-${trainer}-`));
  const user = hostUser();
  const container = await docker.createContainer({
    Image: tag,
    Cmd: ["/out"],
    User: user,
    Env: ["HOME=/tmp"],
    Labels: { "com.stagemaker.test": `deeplearning-${trainer}-trainer` },
    HostConfig: { Binds: [`${out}:/out`], NetworkMode: "none" },
  });
  try {
    await runTrainer(container, trainer);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
  const entries: Record<string, DeepEntry> = {};
  for (const name of readdirSync(out)) {
    const dir = join(out, name);
    const expected = await readFile(join(dir, "expected.json"), "utf8").then(JSON.parse as (s: string) => unknown, () => undefined);
    if (expected) entries[name] = DeepEntry.parse({ ...(expected as object), dir });
  }
  return { root: out, entries };
}
