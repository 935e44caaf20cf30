// HTTP probes against a check's container, each kept as evidence (command, status, time).
import type { CheckEvidence } from "../../contract";
import { httpExchange } from "../serving/invocation-target";

export interface Probe {
  status?: number;
  body: string;
  ms: number;
  error?: string;
}

export async function probe(
  port: number,
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string> = {},
  body?: Buffer,
  timeoutMs = 5000,
): Promise<Probe> {
  const started = performance.now();
  try {
    const a = await httpExchange(port, method, path, headers, body, { timeoutMs });
    return { status: a.status, body: a.body.subarray(0, 300).toString("utf8"), ms: performance.now() - started };
  } catch (err) {
    return { body: "", ms: performance.now() - started, error: (err as Error).message };
  }
}

/** A curl line a person can paste, with the probe's outcome. */
export function evidence(
  port: number,
  method: string,
  path: string,
  p: Probe,
  headers: Record<string, string> = {},
  bodyNote?: string,
  atMs?: number,
): CheckEvidence {
  const h = Object.entries(headers)
    .map(([k, v]) => ` -H '${k}: ${v}'`)
    .join("");
  return {
    command: `curl -X ${method} http://127.0.0.1:${port}${path}${h}${bodyNote ? ` ${bodyNote}` : ""}`,
    status: p.status ? `HTTP ${p.status}` : `no answer (${p.error})`,
    ms: Math.round(atMs ?? p.ms),
    detail: p.body || undefined,
  };
}
