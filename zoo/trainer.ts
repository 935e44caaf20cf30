// The zoo's trainer: builds the pinned trainer image (tagged by the hash of its files, so later runs
// reuse it), trains every entry into a folder (kept: a folder already trained by the same image is
// reused), and reads each entry's expected.json.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { ensureTrainerImage, hostUser, runTrainer } from "../app/core/model/testing/trainer-image";
import { ZooEntry } from "./zoo-entry";

const here = fileURLToPath(new URL(".", import.meta.url));
const TRAINER_FILES = () => [
  "trainer.Dockerfile",
  ...readdirSync(join(here, "trainer"))
    .filter((f) => /\.(py|sh)$/.test(f))
    .sort()
    .map((f) => `trainer/${f}`),
];

export function trainerTag(): string {
  const hash = createHash("sha256");
  for (const f of TRAINER_FILES()) hash.update(f).update(readFileSync(join(here, f)));
  return `stagemaker-test/zoo-trainer:${hash.digest("hex").slice(0, 12)}`;
}

export interface TrainedZoo {
  dir: string;
  entries: ZooEntry[];
  /** Entries the trainer could not make, with its error (a converter that broke, say). */
  failures: Record<string, string>;
}

/** Trains the zoo into `dir` (or reuses it when the same trainer image filled it). `only`: entry names. */
export async function trainZoo(dir: string, say: (line: string) => void, only?: string[]): Promise<TrainedZoo> {
  const docker = new Docker();
  const tag = trainerTag();
  const stamp = join(dir, "_trainer.json");
  const previous = await readFile(stamp, "utf8").then(
    (t) => JSON.parse(t) as { tag: string; only: string | null },
    () => undefined,
  );
  const wanted = only?.length ? only.join(",") : null;
  if (previous?.tag !== tag || (previous.only !== null && previous.only !== wanted)) {
    await ensureTrainerImage(docker, tag, {
      dir: here,
      files: TRAINER_FILES(),
      dockerfile: "trainer.Dockerfile",
      what: "zoo",
      onBuild: () => say(`building the zoo trainer image ${tag} (two Python environments; a few minutes, once)`),
    });
    await mkdir(dir, { recursive: true });
    say(`training the zoo into ${dir}`);
    const user = hostUser();
    const container = await docker.createContainer({
      Image: tag,
      Cmd: ["/out", wanted ?? ""],
      User: user,
      Labels: { "com.stagemaker.test": "zoo-trainer" },
      HostConfig: { Binds: [`${dir}:/out`], NetworkMode: "none" },
    });
    try {
      const logs = await runTrainer(container, "zoo", 40);
      for (const m of logs.matchAll(/np[12]: trained[^\n]*/g)) say(m[0]); // each environment's summary line
    } finally {
      await container.remove({ force: true }).catch(() => undefined);
    }
    await writeFile(stamp, JSON.stringify({ tag, only: wanted }));
  }
  return readZoo(dir);
}

/** Every trained entry of a zoo folder, in name order, and the trainer's failures. */
export function readZoo(dir: string): TrainedZoo {
  const entries: ZooEntry[] = [];
  const failures: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith("_failures-")) Object.assign(failures, JSON.parse(readFileSync(join(dir, name), "utf8")) as Record<string, string>);
    const file = join(dir, name, "expected.json");
    if (!existsSync(file)) continue;
    entries.push({ ...ZooEntry.parse(JSON.parse(readFileSync(file, "utf8"))), dir: join(dir, name) });
  }
  return { dir, entries, failures };
}
