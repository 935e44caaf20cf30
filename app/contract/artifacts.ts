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

/** A relative path below artifacts/, "/"-separated, no "..", no drive letters; the core checks again. */
export const ArtifactRelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.startsWith("/") && !p.includes("\\") && !p.includes("\0") && !/^[A-Za-z]:/.test(p), "must be a relative path")
  .refine((p) => p.split("/").every((part) => part !== ".." && part !== "." && part !== ""), "must stay inside artifacts/");

/** The browser face's upload of one dropped file; the bytes travel as the body, not in the input. */
export const UploadArtifactInput = ProjectRef.extend({ path: ArtifactRelPath });
