import { stat } from "node:fs/promises";
import { extname, join, normalize, relative, isAbsolute } from "node:path";

const mediaTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

export function mediaTypeOf(file: string): string {
  return mediaTypes[extname(file).toLowerCase()] ?? "application/octet-stream";
}

export interface RendererFile {
  path: string;
  size: number;
  mediaType: string;
  /** Vite's hashed assets never change under the same name. */
  immutable: boolean;
}

/**
 * Maps a URL path to a file inside the built renderer, refusing anything that would leave it.
 * Paths without an extension fall back to index.html (the renderer routes on its own).
 */
export async function resolveRendererFile(rootDir: string, urlPath: string): Promise<RendererFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const wanted = normalize(decoded).replace(/^([/\\])+/, "");
  const candidate = join(rootDir, wanted === "" || wanted === "." ? "index.html" : wanted);
  const rel = relative(rootDir, candidate);
  if (rel.startsWith("..") || isAbsolute(rel)) return undefined;
  const found = await fileAt(candidate);
  if (found) return { path: candidate, size: found, mediaType: mediaTypeOf(candidate), immutable: rel.startsWith("assets") };
  if (extname(wanted) === "") {
    const index = join(rootDir, "index.html");
    const size = await fileAt(index);
    if (size !== undefined) return { path: index, size, mediaType: mediaTypeOf(index), immutable: false };
  }
  return undefined;
}

async function fileAt(path: string): Promise<number | undefined> {
  try {
    const st = await stat(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}
