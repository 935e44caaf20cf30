import {
  channels,
  StagemakerError,
  toErrorInfo,
  type CallName,
  type ChannelName,
  type Result,
  type Services,
  type StreamName,
  type UploadBody,
  type UploadName,
} from "../contract";

/**
 * What every face (Electron IPC, browser host, CLI) does with a message: parse the input with the
 * zod contract, run the core, and answer with the `{ok, value} | {ok: false, error}` envelope.
 * Untrusted names and payloads come in as `string` / `unknown`; nothing here trusts them.
 */
export interface Binding {
  isCall(name: string): name is CallName;
  isStream(name: string): name is StreamName;
  call(name: CallName, rawInput: unknown, signal: AbortSignal): Promise<Result<unknown>>;
  /** `emit` is never called after the returned promise settles. */
  stream(name: StreamName, rawInput: unknown, emit: (event: unknown) => void, signal: AbortSignal): Promise<Result<unknown>>;
  isUpload(name: string): name is UploadName;
  /** The input is parsed before a byte of the body is read; a refused upload leaves the body unread. */
  upload(name: UploadName, rawInput: unknown, body: UploadBody, signal: AbortSignal): Promise<Result<unknown>>;
}

type LooseCall = (input: unknown, ctx: { signal: AbortSignal }) => Promise<unknown>;
type LooseUpload = (input: unknown, body: UploadBody, ctx: { signal: AbortSignal }) => Promise<unknown>;
type LooseStream = (input: unknown, emit: (e: unknown) => void, ctx: { signal: AbortSignal }) => Promise<unknown>;

const hasChannel = (name: string): name is ChannelName => Object.prototype.hasOwnProperty.call(channels, name);

function failure(err: unknown, signal: AbortSignal): Result<never> {
  if (signal.aborted && !(err instanceof StagemakerError)) {
    return { ok: false, error: { code: "cancelled", message: "The operation was cancelled." } };
  }
  const error = toErrorInfo(err);
  return { ok: false, error };
}

export function bindServices(services: Services): Binding {
  return {
    isCall: (name): name is CallName => hasChannel(name) && channels[name].kind === "call",
    isStream: (name): name is StreamName => hasChannel(name) && channels[name].kind === "stream",
    isUpload: (name): name is UploadName => hasChannel(name) && channels[name].kind === "upload",

    async call(name, rawInput, signal) {
      try {
        const input = channels[name].input.parse(rawInput ?? {});
        const run = services[name] as unknown as LooseCall;
        return { ok: true, value: await run(input, { signal }) };
      } catch (err) {
        return failure(err, signal);
      }
    },

    async stream(name, rawInput, emit, signal) {
      let open = true;
      try {
        const input = channels[name].input.parse(rawInput ?? {});
        const run = services[name] as unknown as LooseStream;
        const value = await run(input, (event) => open && !signal.aborted && emit(event), { signal });
        if (signal.aborted) throw new StagemakerError("cancelled", "The operation was cancelled.");
        return { ok: true, value };
      } catch (err) {
        return failure(err, signal);
      } finally {
        open = false;
      }
    },

    async upload(name, rawInput, body, signal) {
      try {
        const input = channels[name].input.parse(rawInput ?? {});
        const run = services[name] as unknown as LooseUpload;
        return { ok: true, value: await run(input, body, { signal }) };
      } catch (err) {
        return failure(err, signal);
      }
    },
  };
}
