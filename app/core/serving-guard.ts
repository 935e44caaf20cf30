// The question every action that would serve a project's model, or send to its server, asks first (build, run,
// reload, check, transform, export, a pipeline's steps; a request from the form, an example replay, a load test: a server
// started before a model was refused answers with the earlier predictor, not with the refused model). The model capability answers it (model/refusal/model-refusal.ts); the composition
// root hands it to the others, so they need not import the model capability.
import type { Manifest } from "../contract";
import type { EngineAccess } from "./engine/engine-access";
import type { WorkInFlight } from "./work-in-flight";

export type ServedAction = "build" | "run" | "reload" | "check" | "transform" | "export" | "invoke" | "replay" | "load";

/** How a refusal names what it will not do. */
export const SERVED_ACTION_WORDS: Record<ServedAction, string> = {
  build: "build this project",
  run: "run this project",
  reload: "reload this project",
  check: "check this project",
  transform: "transform this project",
  export: "export this project",
  invoke: "send requests to this project's server",
  replay: "replay examples against this project's server",
  load: "load-test this project's server",
};

/** Throws the model's refusal (invalid-input, detail `modelRefusal`) when the project's model would not be the one served. */
export type ServingGuard = (projectDir: string, manifest: Manifest, action: ServedAction) => Promise<void>;

/** What a job that serves the project's model needs (transform, readiness, pipeline): the engine, cancel, and the guard. */
export interface ServingJobDeps {
  engine: EngineAccess;
  work: WorkInFlight;
  /** Refuses a project whose model would not be the one served. */
  guard: ServingGuard;
}
