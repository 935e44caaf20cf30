import { z } from "zod";
import { EngineStatus } from "./engine";
import { CreateProjectInput, Project, ProjectRef, RecentProject, SaveManifestInput } from "./projects";
import { FileContent, FileEntry, ReadFileInput, WriteFileInput } from "./code";
import { Artifact, ImportPathsInput, ImportProgress, RemoveArtifactInput, UploadArtifactInput } from "./artifacts";
import { BuildEvent, BuildResult } from "./build";
import { ContainerState, LogLine, RunEvent } from "./run";
import { HistoryEntry, InvocationResult, InvokeInput } from "./invoke";
import { ModelCode, ModelSchemas, ReadSchemasInput, WriteModelInput } from "./schemas";
import { AcceptAnswerInput, Example, ExamplesReport, RemoveExampleInput, RunExamplesInput, SaveExampleInput } from "./examples";
import { TransformEvent, TransformInput, TransformResult } from "./transform";
import { CheckEvent, CheckInput, CheckReport } from "./readiness";
import { CreatePipelineInput, Pipeline, PipelineInvocation, PipelineInvokeInput, PipelineRef, PipelineRunEvent } from "./pipeline";
import { ExportEvent, ExportInput, ExportPlan, ExportResult, SavedExportSettings } from "./export";
import {
  ApplyPlanInput,
  ApplyPlanResult,
  HandlerInput,
  HandlerResult,
  InspectInput,
  InspectResult,
  ModelPlan,
  ModelRefusal,
  PlanEvent,
  PlanInput,
} from "./model";
import { SettingsView, UserSettings } from "./settings";
import { FolderListing, ListFoldersInput } from "./folders";
import { DiagnosticsInput, DiagnosticsResult } from "./diagnostics";
import { LoadEvent, LoadInput, LoadReport } from "./load";

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ kind: "call" as const, input, output });
/** A stream emits events and ends with one output; unsubscribing cancels the work. */
const stream = <I extends z.ZodType, E extends z.ZodType, O extends z.ZodType>(input: I, event: E, output: O) => ({
  kind: "stream" as const,
  input,
  event,
  output,
});
/**
 * An upload sends a stream of bytes with a small input (given as URL query parameters on HTTP) and
 * ends with one output. Only the browser face needs one: Electron and the CLI know host paths.
 */
const upload = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ kind: "upload" as const, input, output });

const Empty = z.object({}).strict();
const Ok = z.object({ done: z.literal(true) });

/**
 * Every capability any face offers, by name. The Electron preload, the browser host and the CLI all
 * bind to this map; the serving side parses each input with the schema here.
 */
export const channels = {
  "engine.status": call(Empty, EngineStatus),

  "projects.create": call(CreateProjectInput, Project),
  "projects.open": call(ProjectRef, Project),
  "projects.recent": call(Empty, z.array(RecentProject)),
  "projects.saveManifest": call(SaveManifestInput, Project),

  "code.list": call(ProjectRef, z.array(FileEntry)),
  "code.read": call(ReadFileInput, FileContent),
  "code.write": call(WriteFileInput, FileEntry),

  "artifacts.list": call(ProjectRef, z.array(Artifact)),
  "artifacts.importPaths": stream(ImportPathsInput, ImportProgress, z.array(Artifact)),
  "artifacts.remove": call(RemoveArtifactInput, z.array(Artifact)),
  "artifacts.upload": upload(UploadArtifactInput, Artifact),

  "build.run": stream(ProjectRef, BuildEvent, BuildResult),

  "run.start": stream(ProjectRef, RunEvent, ContainerState),
  /** After an edit: dev mode restarts only the server process (SIGHUP), else a cached rebuild + new container. */
  "run.reload": stream(ProjectRef, RunEvent, ContainerState),
  "run.status": call(ProjectRef, ContainerState),
  "run.stop": call(ProjectRef, ContainerState),
  "run.logs": stream(
    ProjectRef.extend({ tail: z.number().int().min(0).max(10000).default(200), follow: z.boolean().default(true) }),
    LogLine,
    Ok,
  ),

  "invoke.send": call(InvokeInput, InvocationResult),
  "invoke.history": call(ProjectRef, z.array(HistoryEntry)),

  /** Instance/Prediction JSON Schemas read by Python (dev container or the image), cached by model/ content. */
  "schemas.read": call(ReadSchemasInput, ModelSchemas),
  /** The pydantic code a field table writes, by Python in the project's tools container (a preview; nothing is saved). */
  "schemas.code": call(WriteModelInput, ModelCode),
  /** Writes model/instance.py or model/prediction.py from a field table; refuses files it cannot represent. */
  "schemas.writeModel": call(WriteModelInput, ModelCode),

  "examples.list": call(ProjectRef, z.array(Example)),
  "examples.save": call(SaveExampleInput, Example),
  "examples.remove": call(RemoveExampleInput, Ok),
  /** Replays saved examples (all, or the names given) against the running container. */
  "examples.run": call(RunExamplesInput, ExamplesReport),
  /** Makes an answer the example's new expected one (a change to the model that was meant); the rest of its file is kept as written. */
  "examples.accept": call(AcceptAnswerInput, Example),

  /** A local CreateTransformJob on a project or a pipeline folder; unsubscribing stops it (no partial .out). */
  "transform.run": stream(TransformInput, TransformEvent, TransformResult),
  /** The folder's last transform result (null before the first). */
  "transform.last": call(z.object({ target: z.string().min(1) }), TransformResult.nullable()),

  "pipeline.create": call(CreatePipelineInput, Pipeline),
  "pipeline.open": call(PipelineRef, Pipeline),
  "pipeline.run": stream(PipelineRef, PipelineRunEvent, Pipeline),
  "pipeline.invoke": call(PipelineInvokeInput, PipelineInvocation),
  "pipeline.stop": call(PipelineRef, Pipeline),

  /** SageMaker readiness of the project's built image: each point with its evidence. */
  "readiness.run": stream(CheckInput, CheckEvent, CheckReport),
  "readiness.last": call(ProjectRef, CheckReport.nullable()),

  /** What an export would commit, or why it would be refused; writes nothing. */
  "export.plan": call(ExportInput, ExportPlan),
  /** Writes the repo into the target, commits, pushes when asked; refuses with nothing written. */
  "export.run": stream(ExportInput, ExportEvent, ExportResult),
  /** The settings of this project's last export (prefills the panel and the CLI). */
  "export.lastSettings": call(ProjectRef, SavedExportSettings),
  /** What a model file on the host is, from its bytes (nothing is loaded). */
  "model.inspect": call(InspectInput, InspectResult),
  /** Detect an artifact, introspect it in a container, and propose generated files (nothing written). */
  "model.plan": stream(PlanInput, PlanEvent, ModelPlan),
  /** Write the proposed files; a file the person changed needs to be listed in `overwrite`. */
  "model.apply": call(ApplyPlanInput, ApplyPlanResult),
  /** SageMaker script mode: the artifact's code/inference.py is served as it is (no predictor generated). */
  "model.handler": call(HandlerInput, HandlerResult),
  /** Why the project's model would be refused by a build, run, check or export (null: nothing stands in the way); the Build tab shows it before the click. */
  "model.refusal": call(ProjectRef, ModelRefusal.nullable()),
  /** Per-user settings (state folder), applied to the next build without a restart. */
  "settings.get": call(Empty, SettingsView),
  "settings.save": call(UserSettings, SettingsView),
  /** The browser face's folder picker, limited to the user's home and the workspace. */
  "folders.list": call(ListFoldersInput, FolderListing),
  /** Syntax, lint and type problems of model/ files, checked in the project's tools container. */
  "diagnostics.check": call(DiagnosticsInput, DiagnosticsResult),
  /** A load test of the running container (loopback only); unsubscribing stops it. Saved in .stagemaker/load/. */
  "load.run": stream(LoadInput, LoadEvent, LoadReport),
  /** The project's saved load tests, newest first. */
  "load.runs": call(ProjectRef, z.array(LoadReport)),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type CallName = { [K in ChannelName]: Channels[K]["kind"] extends "call" ? K : never }[ChannelName];
export type StreamName = { [K in ChannelName]: Channels[K]["kind"] extends "stream" ? K : never }[ChannelName];
export type UploadName = { [K in ChannelName]: Channels[K]["kind"] extends "upload" ? K : never }[ChannelName];

export type InputOf<K extends ChannelName> = z.input<Channels[K]["input"]>;
export type ParsedInputOf<K extends ChannelName> = z.output<Channels[K]["input"]>;
export type OutputOf<K extends ChannelName> = z.output<Channels[K]["output"]>;
export type EventOf<K extends StreamName> = z.output<Channels[K]["event"]>;

/** What the core implements for each channel; faces wrap these with parsing and the result envelope. */
export interface CallContext {
  signal: AbortSignal;
}
/** The bytes of an upload (a Node request body is one) and their announced length, when known. */
export interface UploadBody {
  bytes: AsyncIterable<Uint8Array>;
  bytesTotal?: number;
}
export type Services = {
  [K in ChannelName]: Channels[K]["kind"] extends "call"
    ? (input: ParsedInputOf<K>, ctx: CallContext) => Promise<OutputOf<K>>
    : Channels[K]["kind"] extends "upload"
      ? (input: ParsedInputOf<K>, body: UploadBody, ctx: CallContext) => Promise<OutputOf<K>>
      : (input: ParsedInputOf<K>, emit: (event: EventOf<K & StreamName>) => void, ctx: CallContext) => Promise<OutputOf<K>>;
};

/** The channels of one domain ("build" → build.run…): what app/core/<capability>/<capability>-channels.ts returns. */
export type DomainServices<D extends string> = Pick<Services, Extract<ChannelName, `${D}.${string}`>>;
