import { z } from "zod";
import { ProjectRef } from "./projects";

/** Stagemaker's own per-project folder (build record, history, drafts, caches): never in an image or an export. */
export const PROJECT_STATE_DIR = ".stagemaker";
/** Folders git, virtualenvs and Python's tools write beside a project's files: never listed, copied or exported. */
export const TOOL_FOLDERS: readonly string[] = [
  ".git",
  ".venv",
  "node_modules",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
];

/** A path relative to the project root; the core refuses any that resolves outside it. */
export const ProjectPath = z.string().min(1).max(4096);

export const FileEntry = z.object({
  path: ProjectPath, // relative, with "/" separators
  kind: z.enum(["file", "dir"]),
  size: z.number().int().nonnegative(),
});
export type FileEntry = z.infer<typeof FileEntry>;

export const ReadFileInput = ProjectRef.extend({ path: ProjectPath });
export const FileContent = z.object({ path: ProjectPath, content: z.string(), size: z.number().int() });
export type FileContent = z.infer<typeof FileContent>;

export const WriteFileInput = ProjectRef.extend({ path: ProjectPath, content: z.string() });
