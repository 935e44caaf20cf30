import { z } from "zod";
import { ProjectRef } from "./projects";

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
