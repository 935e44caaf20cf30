import type { CallName, ChannelName, EventOf, InputOf, OutputOf, Result, StreamName } from "../contract";

/**
 * The named API the preload puts on `window.stagemaker`: one method per channel, grouped by domain
 * (`stagemaker.projects.create(input)`, `stagemaker.images.build(input, onEvent)`). There is no
 * generic invoke(channel): the page can only reach what is listed here. Results cross as the
 * contract's envelope so error codes survive the process boundary.
 */
export interface BridgeStream<O> {
  result: Promise<Result<O>>;
  cancel(): void;
}
type CallMethod<K extends CallName> = (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;
type StreamMethod<K extends StreamName> = (input: InputOf<K>, onEvent: (event: EventOf<K>) => void) => BridgeStream<OutputOf<K>>;

type Domain = ChannelName extends `${infer D}.${string}` ? D : never;
type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
type MethodOf<K> = K extends `${string}.${infer M}` ? M : never;

export type BridgeDomains = {
  [D in Domain]: {
    [K in ChannelName as DomainOf<K> extends D ? MethodOf<K> : never]: K extends CallName
      ? CallMethod<K>
      : K extends StreamName
        ? StreamMethod<K>
        : never;
  };
};

export type StagemakerBridge = BridgeDomains & {
  readonly face: "electron";
  /** The host path of a dropped or picked file (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /** The operating system's folder dialog; null when the person cancels. */
  pickFolder(): Promise<string | null>;
};

/** Channel names the preload binds; the `satisfies` lines fail to compile when the contract grows. */
export const bridgeCalls = [
  "engine.status",
  "projects.create",
  "projects.open",
  "projects.recent",
  "projects.saveManifest",
  "files.list",
  "files.read",
  "files.write",
  "artifacts.list",
  "artifacts.remove",
  "containers.status",
  "containers.stop",
  "invocations.send",
  "invocations.history",
  "settings.get",
  "settings.save",
  "folders.list",
] as const satisfies readonly CallName[];
export const bridgeStreams = ["artifacts.importPaths", "images.build", "containers.run", "containers.reload", "containers.logs"] as const satisfies readonly StreamName[];

type Missing = Exclude<ChannelName, (typeof bridgeCalls)[number] | (typeof bridgeStreams)[number]>;
export const everyChannelBound: [Missing] extends [never] ? true : { missing: Missing } = true;

/** IPC channel names between preload and main; fixed strings, never built from page input. */
export const ipc = {
  call: (name: CallName) => `stagemaker:call:${name}`,
  stream: (name: StreamName) => `stagemaker:stream:${name}`,
  event: "stagemaker:stream-event",
  cancel: "stagemaker:stream-cancel",
  pickFolder: "stagemaker:pick-folder",
} as const;
