import { z } from "zod";
import { ProjectRef } from "./projects";

export const Artifact = z.object({
  path: z.string(), // relative to artifacts/
  size: z.number().int().nonnegative(),
});
export type Artifact = z.infer<typeof Artifact>;

/** Copy files or folders from the host (Electron drop, "add files" dialog, CLI) into artifacts/. */
export const ImportPathsInput = ProjectRef.extend({ paths: z.array(z.string().min(1)).min(1) });

export const ImportProgress = z.object({
  type: z.literal("progress"),
  file: z.string(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const RemoveArtifactInput = ProjectRef.extend({ path: z.string().min(1) });
