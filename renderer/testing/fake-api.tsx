import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { CallName, EventOf, InputOf, OutputOf, StreamName } from "../../app/contract";
import { ApiError, type StagemakerApi, type StreamHandle, type UploadProgress } from "../api/client";
import { ApiProvider } from "../api/api-context";

type CallFake = { [K in CallName]?: (input: InputOf<K>) => OutputOf<K> | Promise<OutputOf<K>> };
type StreamFake = {
  [K in StreamName]?: (input: InputOf<K>, emit: (e: EventOf<K>) => void, signal: AbortSignal) => Promise<OutputOf<K>>;
};
type UploadFake = (
  files: { file: File; relPath: string }[],
  onProgress: (p: UploadProgress) => void,
  signal: AbortSignal,
) => Promise<OutputOf<"artifacts.list">>;

/** A StagemakerApi backed by per-channel functions; unknown channels fail the way a real face would. */
export function fakeApi(calls: CallFake = {}, streams: StreamFake = {}, upload?: UploadFake) {
  const log: { name: string; input: unknown }[] = [];
  const api: StagemakerApi = {
    face: "browser",
    async call(name, input) {
      log.push({ name, input });
      const fn = calls[name] as ((i: unknown) => unknown) | undefined;
      if (!fn) throw new ApiError({ code: "not-found", message: `no fake for ${name}` });
      return (await fn(input)) as never;
    },
    stream(name, input, onEvent) {
      log.push({ name, input });
      const ctrl = new AbortController();
      const fn = streams[name] as ((i: unknown, e: (x: unknown) => void, s: AbortSignal) => Promise<unknown>) | undefined;
      const result = fn
        ? fn(input, onEvent as (x: unknown) => void, ctrl.signal)
        : Promise.reject(new ApiError({ code: "not-found", message: `no fake for ${name}` }));
      result.catch(() => undefined);
      return { result, cancel: () => ctrl.abort() } as StreamHandle<never>;
    },
    uploadArtifacts(project, files, onProgress, signal) {
      log.push({ name: "upload", input: { project, files: files.map((f) => f.relPath) } });
      if (!upload) return Promise.reject(new ApiError({ code: "internal", message: "no fake upload" }));
      return upload(files, onProgress, signal);
    },
  };
  return { api, log };
}

export function renderWithApi(ui: ReactNode, api: StagemakerApi) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const rendered = render(
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </ApiProvider>,
  );
  return { ...rendered, client };
}

/** Resolves when `signal` aborts, rejecting like the transports do. */
export function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener("abort", () => reject(new ApiError({ code: "cancelled", message: "Cancelled." }))),
  );
}
