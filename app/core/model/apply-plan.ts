// Writes generated files, refusing to replace one the person changed unless they confirmed it.
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { type ApplyPlanResult, StagemakerError } from "../../contract";
import { writeFileAtomic } from "../projects/atomic-write";
import { resolveInProject } from "../projects/safe-path";
import { recordGenerated, statusOf } from "./file-status";

export async function applyPlan(
  projectDir: string,
  templateDir: string,
  files: { path: string; content: string }[],
  overwrite: string[],
): Promise<ApplyPlanResult> {
  const statuses = await statusOf(projectDir, templateDir, files);
  const conflicts = statuses.filter((f) => f.status === "changed" && !overwrite.includes(f.path));
  if (conflicts.length)
    throw new StagemakerError(
      "conflict",
      `You changed ${conflicts.map((c) => c.path).join(", ")}; nothing was written. Review the differences and confirm replacing them, or leave them out.`,
      { files: conflicts },
    );
  const written: string[] = [];
  for (const f of statuses) {
    if (f.status === "same") continue;
    const target = await resolveInProject(projectDir, f.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, f.content);
    written.push(f.path);
  }
  await recordGenerated(projectDir, files);
  return { written, kept: statuses.filter((f) => f.status === "same").map((f) => f.path) };
}
