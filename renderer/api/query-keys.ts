/** Every react-query key in one place, so invalidations cannot drift from the queries. */
export const keys = {
  engine: ["engine"] as const,
  recent: ["projects", "recent"] as const,
  project: (dir: string) => ["project", dir] as const,
  files: (dir: string) => ["files", dir] as const,
  /** Under files: every invalidation of the project's files (a save, artifacts, an intake) asks again. */
  modelRefusal: (dir: string) => ["files", dir, "model-refusal"] as const,
  file: (dir: string, path: string) => ["file", dir, path] as const,
  artifacts: (dir: string) => ["artifacts", dir] as const,
  container: (dir: string) => ["container", dir] as const,
  history: (dir: string) => ["history", dir] as const,
  schemas: (dir: string) => ["schemas", dir] as const,
  examples: (dir: string) => ["examples", dir] as const,
  /** The last examples run (client-side, fed by examples.run). */
  exampleRun: (dir: string) => ["example-run", dir] as const,
  settings: ["settings"] as const,
  folders: (path: string | undefined) => ["folders", path ?? ""] as const,
  /** Client-side state fed by streams (no queryFn round trip): the build and the run's log. */
  build: (dir: string) => ["build", dir] as const,
  runLog: (dir: string) => ["run-log", dir] as const,
  /** The Model tab's plan of a dropped model (client-side, fed by model.plan). */
  modelPlan: (dir: string) => ["model-plan", dir] as const,
  transform: (dir: string) => ["transform", dir] as const,
  readiness: (dir: string) => ["readiness", dir] as const,
  pipeline: (dir: string) => ["pipeline", dir] as const,
  pipelineRun: (dir: string) => ["pipeline-run", dir] as const,
  exportSettings: (dir: string) => ["export-settings", dir] as const,
  exportRun: (dir: string) => ["export-run", dir] as const,
};
