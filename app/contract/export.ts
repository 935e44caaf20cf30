// Export to git: the settings a person chooses, the plan shown before committing, progress, result.
import { z } from "zod";
import { ExamplesCheck } from "./examples";
import { ProjectRef } from "./projects";

/** What happens to artifacts/ when it is over the threshold: Git LFS, or left out (make package). */
export const LargeArtifacts = z.enum(["lfs", "package"]);
export type LargeArtifacts = z.infer<typeof LargeArtifacts>;

/** Which deploy scripts the exported repo carries. */
export const DeployTool = z.enum(["aws-cli", "boto3"]);
export type DeployTool = z.infer<typeof DeployTool>;

/** A branch name git accepts (a conservative subset of `git check-ref-format --branch`). */
const BranchName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]+(?<![./])$/, "letters, digits and . _ / - (no '..', no leading '-')")
  .refine((b) => !b.endsWith(".lock"), "must not end with .lock");

export const ExportSettings = z.object({
  /** Absolute path of the target folder (created when missing). */
  to: z.string().min(1),
  /** https or ssh URL of the remote; when omitted, the target's `origin` (if any) is used. */
  remote: z
    .string()
    .max(2000)
    .refine((url) => !url.trim().startsWith("-"), "a URL or path, not an option (it must not start with '-')")
    .optional(),
  branch: BranchName.default("main"),
  push: z.boolean().default(false),
  /** The commit message; a generated one lists what changed. */
  message: z.string().max(10_000).optional(),
  /** artifacts/ up to this many megabytes (all files together) are committed as plain files. */
  artifactsThresholdMb: z.number().min(0).max(100_000).default(50),
  largeArtifacts: LargeArtifacts.default("package"),
  deployTool: DeployTool.default("aws-cli"),
});
export type ExportSettings = z.infer<typeof ExportSettings>;

export const ExportInput = ProjectRef.extend(ExportSettings.shape);
export type ExportInput = z.infer<typeof ExportInput>;

export const FileChange = z.enum(["added", "modified", "deleted"]);
export const ExportFile = z.object({ path: z.string(), bytes: z.number(), change: FileChange });
export type ExportFile = z.infer<typeof ExportFile>;

export const ArtifactsDecision = z.object({
  files: z.number().int(),
  bytes: z.number(),
  thresholdBytes: z.number(),
  /** commit: plain files in git; lfs: through Git LFS (.gitattributes); package: left out, make package. */
  decision: z.enum(["commit", "lfs", "package", "none"]),
  reason: z.string(),
});
export type ArtifactsDecision = z.infer<typeof ArtifactsDecision>;

export const ExportTarget = z.object({
  dir: z.string(),
  exists: z.boolean(),
  isRepository: z.boolean(),
  branch: z.string().optional(),
  head: z.string().optional(),
  remoteUrl: z.string().optional(),
});

/** What an export would do, computed without writing anything. */
export const ExportPlan = z.object({
  target: ExportTarget,
  /** Only the files that would change. */
  changes: z.array(ExportFile),
  /** Every file Stagemaker writes into the target. */
  totalFiles: z.number().int(),
  artifacts: ArtifactsDecision,
  message: z.string(),
  /** Why the export would be refused; nothing is written then. */
  refusal: z.string().optional(),
  /** The project's examples replayed now (absent when it has none): failing ones fail the repo's `make test`. */
  examples: ExamplesCheck.optional(),
});
export type ExportPlan = z.infer<typeof ExportPlan>;

export const ExportEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("step"), step: z.enum(["schemas", "check", "write", "commit", "push"]), message: z.string() }),
  z.object({ type: z.literal("log"), line: z.string() }),
]);
export type ExportEvent = z.infer<typeof ExportEvent>;

export const ExportResult = z.object({
  target: z.string(),
  branch: z.string(),
  /** The new commit, or the current HEAD when nothing changed. */
  commit: z.string(),
  committed: z.boolean(),
  changes: z.array(ExportFile),
  artifacts: ArtifactsDecision,
  pushed: z.boolean(),
  remoteUrl: z.string().optional(),
  /** Why the push did not happen or failed (the commit stays in the target). */
  pushError: z.string().optional(),
  /** As in the plan: the examples replayed before the export. */
  examples: ExamplesCheck.optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const SavedExportSettings = ExportSettings.partial();
