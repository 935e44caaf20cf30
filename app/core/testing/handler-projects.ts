// A handler project (SageMaker script mode) made the way a person's drop makes one: code/inference.py and
// its model files under artifacts/, read by the handler intake, built into the project's image. The
// scripts and files are the test's own.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Project, Services } from "../../contract";

/** The pipeline tests' first step: scales rows by scaler.json's mean and std, answers text/csv. */
export const CSV_SCALER = readFileSync(new URL("./handlers/csv_scaler.py", import.meta.url), "utf8");

export async function createHandlerProject(
  services: Services,
  name: string,
  script: string,
  files: Record<string, string>,
  signal: AbortSignal,
  made: Project[] = [],
): Promise<Project> {
  const p = await services["projects.create"]({ name }, { signal });
  made.push(p);
  mkdirSync(join(p.dir, "artifacts", "code"), { recursive: true });
  writeFileSync(join(p.dir, "artifacts", "code", "inference.py"), script);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(p.dir, "artifacts", file), text);
  const h = await services["model.handler"]({ project: p.dir, artifact: "code/inference.py", onlyIfScript: false }, { signal });
  if (h?.defaults !== "toolkit") throw new Error(`${name}: the handler intake did not take code/inference.py (${JSON.stringify(h)})`);
  await services["build.run"]({ project: p.dir }, () => undefined, { signal });
  return services["projects.open"]({ project: p.dir }, { signal });
}
