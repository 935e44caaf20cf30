// The question every action that would serve a project's model asks first (build, run, reload, check,
// transform, export, a pipeline's steps). The model capability answers it (model/refusal/model-refusal.ts); the composition
// root hands it to the others, so they need not import the model capability.
import type { Manifest } from "../contract";
import type { EngineAccess } from "./engine/engine-access";
import type { WorkInFlight } from "./work-in-flight";

export type ServedAction = "build" | "run" | "reload" | "check" | "transform" | "export";

/** Throws the model's refusal (invalid-input, detail `modelRefusal`) when the project's model would not be the one served. */
export type ServingGuard = (projectDir: string, manifest: Manifest, action: ServedAction) => Promise<void>;

/** What a job that serves the project's model needs (transform, readiness, pipeline): the engine, cancel, and the guard. */
export interface ServingJobDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** Refuses a project whose model would not be the one served. */
  guard: ServingGuard;
}
