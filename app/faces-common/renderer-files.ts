// The built renderer's files for Electron's app:// protocol (the browser host serves them with sirv).
import { lookup } from "mrmime";
import { stat } from "node:fs/promises";
import { extname, join, normalize, relative, isAbsolute } from "node:path";

/**
 * The media type from mrmime (the table sirv uses, so both faces agree); text types say UTF-8.
 * Electron's protocol.handle answers fetch Requests, not node:http requests, so sirv cannot serve it.
 */
export function mediaTypeOf(file: string): string {
  const type = lookup(file) ?? "application/octet-stream";
  return /^text\/|javascript/.test(type) ? `${type}; charset=utf-8` : type;
}

export interface RendererFile {
  path: string;
  size: number;
  mediaType: string;
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
  if (found) return { path: candidate, size: found, mediaType: mediaTypeOf(candidate) };
  if (extname(wanted) === "") {
    const index = join(rootDir, "index.html");
    const size = await fileAt(index);
    if (size !== undefined) return { path: index, size, mediaType: mediaTypeOf(index) };
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
