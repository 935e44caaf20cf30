import type { Artifact, CallName, EventOf, InputOf, OutputOf, StreamName } from "../../app/contract";
import type { BridgeStream, StagemakerBridge } from "../../app/contract";
import { ApiError, readAnswer, readEvent, type StagemakerApi, type StreamHandle, type UploadProgress } from "./client";

function split(name: string): [string, string] {
  const dot = name.indexOf(".");
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/**
 * Host folders to import for a drop: a file dropped alone is imported by its path; files that came
 * from a dropped folder (relPath "folder/…") are imported as that folder once, keeping its structure.
 */
export function importRoots(files: { path: string; relPath: string }[]): string[] {
  const roots = new Set<string>();
  for (const { path, relPath } of files) {
    const parts = relPath.split("/");
    if (parts.length === 1) {
      roots.add(path);
      continue;
    }
    const sep = path.includes("\\") && !path.includes("/") ? "\\" : "/";
    const segments = path.split(sep);
    roots.add(segments.slice(0, segments.length - parts.length + 1).join(sep));
  }
  return [...roots];
}

/** The Electron face's transport: the named preload API on window.stagemaker, envelopes unwrapped here. */
export function createElectronApi(bridge: StagemakerBridge): StagemakerApi {
  const method = (name: string) => {
    const [domain, action] = split(name);
    return (bridge as unknown as Record<string, Record<string, (...args: unknown[]) => unknown>>)[domain]?.[action];
  };

  async function call<K extends CallName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
    const fn = method(name) as ((input: InputOf<K>) => Promise<unknown>) | undefined;
    if (!fn) throw new ApiError({ code: "internal", message: `This version of the app has no ${name}.` });
    return readAnswer(name, await fn(input));
  }

  function stream<K extends StreamName>(name: K, input: InputOf<K>, onEvent: (event: EventOf<K>) => void): StreamHandle<OutputOf<K>> {
    const fn = method(name) as ((input: InputOf<K>, onEvent: (e: unknown) => void) => BridgeStream<unknown>) | undefined;
    if (!fn)
      return {
        result: Promise.reject(new ApiError({ code: "internal", message: `This version of the app has no ${name}.` })),
        cancel: () => undefined,
      };
    let broken: { error: unknown } | undefined; // boxed: whatever was thrown counts, even a falsy value
    const handle = fn(input, (raw) => {
      if (broken) return;
      try {
        onEvent(readEvent(name, raw));
      } catch (err) {
        // An event that breaks the contract ends the stream with that error rather than half a view.
        broken = { error: err };
        handle.cancel();
      }
    });
    const result = handle.result.then((raw) => {
      if (broken) throw broken.error;
      return readAnswer(name, raw);
    });
    return { result, cancel: () => handle.cancel() };
  }

  /** Electron knows the dropped files' host paths, so the core copies them itself (streaming, with progress). */
  async function uploadArtifacts(
    project: string,
    files: { file: File; relPath: string }[],
    onProgress: (p: UploadProgress) => void,
    signal: AbortSignal,
  ): Promise<Artifact[]> {
    const paths = importRoots(files.map(({ file, relPath }) => ({ path: bridge.pathForFile(file), relPath })));
    if (paths.some((p) => p === ""))
      throw new ApiError({ code: "invalid-input", message: "Some dropped items have no path on disk; drop files from the file manager." });
    const handle = stream("artifacts.importPaths", { project, paths }, (p) =>
      onProgress({ file: p.file, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }),
    );
    if (signal.aborted) handle.cancel();
    signal.addEventListener("abort", () => handle.cancel(), { once: true });
    return handle.result;
  }

  return { face: "electron", call, stream, uploadArtifacts, pickFolder: () => bridge.pickFolder() };
}
