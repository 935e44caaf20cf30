import {
  apiPath,
  tokenHeader,
  type Artifact,
  type CallName,
  type ChannelName,
  type EventOf,
  type InputOf,
  type OutputOf,
  type StreamName,
} from "../../app/contract";
import { ApiError, readAnswer, readEvent, type StagemakerApi, type StreamHandle, type UploadProgress } from "./client";

const cancelled = (): ApiError => new ApiError({ code: "cancelled", message: "Cancelled." });
const unreachable = (why: string): ApiError =>
  new ApiError({ code: "internal", message: `The Stagemaker host did not answer (${why}). Is \`npm start\` still running?` });

async function readEnvelope<K extends ChannelName>(name: K, response: Response): Promise<OutputOf<K>> {
  let raw: unknown;
  try {
    raw = await response.json();
  } catch {
    throw new ApiError({ code: "internal", message: `The host answered ${response.status} without a result.` });
  }
  return readAnswer(name, raw);
}

/** The browser face's transport: JSON calls, NDJSON streams and streamed PUT uploads to the 127.0.0.1 host. */
export function createHttpApi(options: { token: string; baseUrl?: string }): StagemakerApi {
  const base = options.baseUrl ?? "";
  const headers = { "Content-Type": "application/json", [tokenHeader]: options.token };

  async function post(path: string, input: unknown, signal?: AbortSignal): Promise<Response> {
    try {
      return await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(input ?? {}), signal, credentials: "omit" });
    } catch (err) {
      if (signal?.aborted) throw cancelled();
      throw unreachable((err as Error).message);
    }
  }

  async function call<K extends CallName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
    return readEnvelope(name, await post(apiPath.call(name), input));
  }

  function stream<K extends StreamName>(name: K, input: InputOf<K>, onEvent: (event: EventOf<K>) => void): StreamHandle<OutputOf<K>> {
    const controller = new AbortController();
    const result = (async () => {
      const response = await post(apiPath.stream(name), input, controller.signal);
      const contentType = response.headers.get("content-type") ?? "";
      if (!contentType.startsWith("application/x-ndjson") || !response.body) return readEnvelope(name, response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += value;
          let newline: number;
          while ((newline = buffered.indexOf("\n")) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (line.trim() === "") continue;
            const message = JSON.parse(line) as { event?: unknown; result?: unknown };
            if (message.result) return readAnswer(name, message.result);
            if (!controller.signal.aborted) onEvent(readEvent(name, message.event));
          }
        }
      } catch (err) {
        if (controller.signal.aborted) throw cancelled();
        if (err instanceof ApiError) throw err;
        throw unreachable((err as Error).message);
      }
      if (controller.signal.aborted) throw cancelled();
      throw unreachable("the stream ended without a result");
    })();
    return { result, cancel: () => controller.abort() };
  }

  /** One PUT per file with the File as the body: the browser streams it from disk, the host to artifacts/. */
  function uploadOne(
    project: string,
    file: File,
    relPath: string,
    onProgress: (p: UploadProgress) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise((done, fail) => {
      if (signal.aborted) return fail(cancelled());
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ project, path: relPath });
      xhr.open("PUT", `${base}${apiPath.upload("artifacts.upload")}?${query}`);
      xhr.setRequestHeader(tokenHeader, options.token);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = (e) =>
        onProgress({ file: relPath, bytesDone: e.loaded, bytesTotal: e.lengthComputable ? e.total : file.size });
      const onAbort = () => xhr.abort();
      signal.addEventListener("abort", onAbort, { once: true });
      xhr.onabort = () => fail(cancelled());
      xhr.onerror = () => fail(unreachable("upload failed"));
      xhr.onload = () => {
        signal.removeEventListener("abort", onAbort);
        try {
          let raw: unknown;
          try {
            raw = JSON.parse(xhr.responseText);
          } catch {
            throw new ApiError({ code: "internal", message: `Upload answered ${xhr.status} without a result.` });
          }
          readAnswer("artifacts.upload", raw);
          onProgress({ file: relPath, bytesDone: file.size, bytesTotal: file.size });
          done();
        } catch (err) {
          fail(err);
        }
      };
      xhr.send(file);
    });
  }

  async function uploadArtifacts(
    project: string,
    files: { file: File; relPath: string }[],
    onProgress: (p: UploadProgress) => void,
    signal: AbortSignal,
  ): Promise<Artifact[]> {
    const copied: string[] = [];
    try {
      for (const { file, relPath } of files) {
        await uploadOne(project, file, relPath, onProgress, signal);
        copied.push(relPath);
      }
    } catch (err) {
      // A cancelled or failed batch leaves nothing behind: the host drops the partial file, we drop the finished ones.
      for (const path of copied) await call("artifacts.remove", { project, path }).catch(() => undefined);
      throw err;
    }
    return call("artifacts.list", { project });
  }

  return { face: "browser", call, stream, uploadArtifacts };
}
