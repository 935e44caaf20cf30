// The Electron bridge's wire: the type of window.stagemaker and its IPC names, derived from `channels`.
import { channels, type CallName, type ChannelName, type EventOf, type InputOf, type OutputOf, type StreamName } from "./channels";
import type { Result } from "./result";

/**
 * The named API the preload puts on `window.stagemaker`: one method per call or stream channel,
 * grouped by domain (`stagemaker.projects.create(input)`, `stagemaker.build.run(input, onEvent)`).
 * There is no generic invoke(channel): the page can only reach what is listed here. Results cross as
 * the contract's envelope so error codes survive the process boundary. Upload channels are not on the
 * bridge: Electron knows a dropped file's host path and imports it with `artifacts.importPaths`.
 */
export interface BridgeStream<O> {
  result: Promise<Result<O>>;
  cancel(): void;
}
type CallMethod<K extends CallName> = (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;
type StreamMethod<K extends StreamName> = (input: InputOf<K>, onEvent: (event: EventOf<K>) => void) => BridgeStream<OutputOf<K>>;

type BridgeName = CallName | StreamName;
type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
type MethodOf<K> = K extends `${string}.${infer M}` ? M : never;

export type BridgeDomains = {
  [D in DomainOf<BridgeName>]: {
    [K in BridgeName as DomainOf<K> extends D ? MethodOf<K> : never]: K extends CallName
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

const names = Object.keys(channels) as ChannelName[];
/** Channel names the preload binds, read off the map so a new channel is on the bridge at once. */
export const bridgeCalls = names.filter((n): n is CallName => channels[n].kind === "call");
export const bridgeStreams = names.filter((n): n is StreamName => channels[n].kind === "stream");

/** IPC channel names between preload and main; fixed strings, never built from page input. */
export const ipc = {
  call: (name: CallName) => `stagemaker:call:${name}`,
  stream: (name: StreamName) => `stagemaker:stream:${name}`,
  event: "stagemaker:stream-event",
  cancel: "stagemaker:stream-cancel",
  pickFolder: "stagemaker:pick-folder",
} as const;
