import { z } from "zod";
import { ProjectRef } from "./projects";

export const BodyEncoding = z.enum(["utf8", "base64"]);
export type BodyEncoding = z.infer<typeof BodyEncoding>;

export const InvokeInput = ProjectRef.extend({
  /** "/invocations" or the KServe path "/v1/models/{name}:predict". */
  path: z
    .string()
    .regex(/^\/(invocations|v1\/models\/[A-Za-z0-9._-]+:predict)$/)
    .default("/invocations"),
  body: z.string().max(100 * 1024 * 1024),
  /** base64: `body` holds a binary body's bytes (an application/x-npy array); absent means UTF-8 text. */
  bodyEncoding: BodyEncoding.optional(),
  contentType: z.string().min(1).default("application/json"),
  accept: z.string().optional(),
  customAttributes: z.string().max(1024).optional(),
  timeoutMs: z.number().int().min(1).max(3_600_000).default(65_000),
});
export type InvokeInput = z.infer<typeof InvokeInput>;

export const InvocationResult = z.object({
  /** Absent when no answer came (refused, timeout). */
  status: z.number().int().optional(),
  /** The reason phrase the server sent ("OK", "Unprocessable Entity"), as Node read it. */
  statusText: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  /** base64 when the answer is binary (application/x-npy, or bytes that are not UTF-8); absent means text. */
  bodyEncoding: BodyEncoding.optional(),
  /** True size of the body; `body` is capped and `truncated` says so. */
  bodyBytes: z.number().int(),
  truncated: z.boolean(),
  timings: z.object({ totalMs: z.number(), ttfbMs: z.number().optional() }),
  failure: z.object({ kind: z.enum(["refused", "timeout", "network"]), message: z.string() }).optional(),
});
export type InvocationResult = z.infer<typeof InvocationResult>;

export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  request: InvokeInput.omit({ project: true }),
  result: InvocationResult,
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Media types whose bodies are bytes, not text: they travel base64 between the faces and the core. */
export function isBinaryMedia(contentType: string | undefined): boolean {
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return (
    /^application\/(x-npy|x-npz|npy|octet-stream|x-recordio-protobuf|x-image)$/.test(essence) || /^(image|audio|video)\//.test(essence)
  );
}
