import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { z } from "zod";
import { ProjectRef, toErrorInfo, type ImportProgress } from "../contract";
import { sendEnvelope, sendError, signalOnDisconnect } from "./wire";

/** The core's streaming import (app/core/artifacts): writes to a temp file in artifacts/, renames when complete. */
export type ImportArtifactStream = (
  projectDir: string,
  relPath: string,
  readable: Readable,
  opts: { signal: AbortSignal; bytesTotal?: number; onProgress?: (p: ImportProgress) => void },
) => Promise<unknown>;

/** A relative path below artifacts/, "/"-separated, no "..", no drive letters; the core checks again. */
const ArtifactRelPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.startsWith("/") && !p.includes("\\") && !p.includes("\0") && !/^[A-Za-z]:/.test(p), "must be a relative path")
  .refine((p) => p.split("/").every((part) => part !== ".." && part !== "." && part !== ""), "must stay inside artifacts/");

const UploadQuery = ProjectRef.extend({ path: ArtifactRelPath });

/**
 * PUT /api/artifacts/upload?project=<abs dir>&path=<rel path> with the raw file as the body.
 * The request stream goes straight to the core, so a multi-GB file never sits in memory; a closed
 * connection aborts the import and the core removes the partial file.
 */
export async function handleArtifactUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  importArtifact: ImportArtifactStream,
): Promise<void> {
  const query = UploadQuery.safeParse({ project: url.searchParams.get("project") ?? "", path: url.searchParams.get("path") ?? "" });
  if (!query.success) {
    req.resume();
    const info = toErrorInfo(query.error);
    return sendError(res, info.code, info.message, info.code === "invalid-input" ? 400 : undefined, info.detail);
  }
  const signal = signalOnDisconnect(res);
  req.once("aborted", () => req.destroy());
  try {
    const bytesTotal = Number(req.headers["content-length"] ?? 0) || 0;
    const value = await importArtifact(query.data.project, query.data.path, req, { signal, bytesTotal });
    sendEnvelope(res, { ok: true, value });
  } catch (err) {
    req.resume();
    sendEnvelope(res, signal.aborted ? { ok: false, error: { code: "cancelled", message: "Upload cancelled." } } : { ok: false, error: toErrorInfo(err) });
  }
}
