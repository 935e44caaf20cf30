// Test support: the trainers' images and runs. An image is built once from its files and kept under the
// caller's tag (a hash of those files), so later runs reuse it; the machine's CA bundle goes in as
// certs/extra.crt, so pip in the build trusts a TLS-inspecting proxy. A run writes into a mounted host
// folder as the host's user, so the files it trains are the test's to read and remove.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import tarStream from "tar-stream";

export interface TrainerImage {
  /** The folder the files are read from; their names in the build context are relative to it. */
  dir: string;
  files: string[];
  dockerfile: string;
  /** Which trainer, for the error: "the <what> trainer image did not build". */
  what: string;
  /** Called only when the image has to be built (it takes minutes). */
  onBuild?: () => void;
}

/** Builds `tag` unless the engine already has it. */
export async function ensureTrainerImage(
  docker: Docker,
  tag: string,
  { dir, files, dockerfile, what, onBuild }: TrainerImage,
): Promise<void> {
  if (
    await docker
      .getImage(tag)
      .inspect()
      .then(
        () => true,
        () => false,
      )
  )
    return;
  onBuild?.();
  const pack = tarStream.pack();
  for (const f of files) pack.entry({ name: f }, await readFile(join(dir, f)));
  const ca = process.env.STAGEMAKER_EXTRA_CA_CERTS ?? process.env.SSL_CERT_FILE ?? "/etc/ssl/certs/ca-certificates.crt";
  const caBody = await readFile(ca).catch(() => undefined);
  if (caBody) pack.entry({ name: "certs/extra.crt" }, caBody);
  pack.finalize();
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag, dockerfile, rm: true, forcerm: true });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (err, out: { error?: string }[]) => {
      const failed = err ?? out.find((m) => m.error)?.error;
      if (failed) reject(new Error(`the ${what} trainer image did not build: ${String(failed)}`));
      else resolve();
    }),
  );
}

/**
 * Runs a created trainer container to its end and returns its last `tail` log lines; a non-zero exit
 * throws "the <what> trainer failed" with them. The caller removes the container.
 */
export async function runTrainer(container: Docker.Container, what: string, tail = 30): Promise<string> {
  await container.start();
  const { StatusCode } = (await container.wait()) as { StatusCode: number };
  const logs = (await container.logs({ stdout: true, stderr: true, tail })).toString();
  if (StatusCode !== 0) throw new Error(`the ${what} trainer failed (exit ${StatusCode}): ${logs}`);
  return logs;
}

/** The host's uid:gid, for the trainer's User: what it writes to the mounted folder is ours. */
export const hostUser = (): string | undefined =>
  process.getuid && process.getgid ? `${process.getuid()}:${process.getgid()}` : undefined;
