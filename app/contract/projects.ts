import { z } from "zod";

export const EnvVar = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ , not starting with a digit")
    .max(1024),
  value: z.string().max(1024),
});
export type EnvVar = z.infer<typeof EnvVar>;

export const RunSettings = z.object({
  /** Seconds to wait for /ping = 200 (SageMaker allows 4 minutes by default). */
  healthTimeoutSeconds: z.number().int().min(1).max(3600).default(240),
  /** Host port; 0 picks a free one so several projects can run at once. */
  hostPort: z.number().int().min(0).max(65535).default(0),
  /** Mount model/ into the container and restart only the server on edits (fast inner loop). */
  devMode: z.boolean().default(true),
  /** The server's memory bound in MB (on SageMaker: the instance's memory); unset: 8192, ml.m5.large's 8 GiB. */
  memoryMb: z.number().int().min(128).max(262_144).optional(),
});
export type RunSettings = z.infer<typeof RunSettings>;

/** stagemaker.json at the project root. */
export const Manifest = z.object({
  name: z.string().min(1).max(100),
  templateVersion: z.string(),
  /**
   * This project's own id, beside its readable name in the image tag and in the labels of its
   * image and containers, so two projects named alike never share an image. Projects made before
   * it existed get one when opened.
   */
  projectId: z
    .string()
    .regex(/^[a-z0-9]{6,32}$/)
    .optional(),
  baseImage: z.string().default("debian:bookworm-slim"),
  imageTag: z.string(),
  /** Environment variables for PredictorConfig and the SAGEMAKER_* settings (SageMaker allows 100). */
  env: z.array(EnvVar).max(100).default([]),
  run: RunSettings.prefault({}),
  /** Copy artifacts/ into the image instead of mounting it at /opt/ml/model. */
  bakeArtifacts: z.boolean().default(false),
});
export type Manifest = z.infer<typeof Manifest>;

export const ProjectRef = z.object({ project: z.string().min(1).describe("absolute path of the project folder") });
export type ProjectRef = z.infer<typeof ProjectRef>;

export const Project = z.object({
  dir: z.string(),
  manifest: Manifest,
});
export type Project = z.infer<typeof Project>;

export const CreateProjectInput = z.object({
  /** Folder to create; when omitted the core puts it under its workspace folder. */
  dir: z.string().min(1).optional(),
  name: z.string().min(1).max(100),
});

export const RecentProject = z.object({ dir: z.string(), name: z.string(), openedAt: z.string() });
export type RecentProject = z.infer<typeof RecentProject>;

export const SaveManifestInput = ProjectRef.extend({ manifest: Manifest });
