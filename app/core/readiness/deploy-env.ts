// The environment the deploy scripts give the container on SageMaker: the project's variables as
// export writes them to deploy/model.env, read back the way deploy/boto3/deploy_settings.py reads
// them (NAME=VALUE per line, `#` starts a comment), so a value the scripts would cut is cut here too.
import type { Manifest } from "../../contract";

/** deploy/model.env as export writes it (export/export-files.ts writes the same lines). */
export function modelEnvText(manifest: Manifest): string {
  return manifest.env.map((e) => `${e.name}=${e.value}\n`).join("");
}

export function deployEnvironment(manifest: Manifest): string[] {
  const env = new Map<string, string>();
  for (const raw of modelEnvText(manifest).split("\n")) {
    const line = raw.split("#", 1)[0]!.trim();
    if (!line) continue;
    const at = line.indexOf("=");
    env.set((at < 0 ? line : line.slice(0, at)).trim(), at < 0 ? "" : line.slice(at + 1).trim());
  }
  return [...env].map(([k, v]) => `${k}=${v}`);
}
