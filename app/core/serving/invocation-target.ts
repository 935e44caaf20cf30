// Where a transform sends its requests: one container's /invocations, or a pipeline's chain of them.
import { requestServer } from "./server-request";

export interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  /** For pipelines: which hop answered last (the failing one when status is not 2xx). */
  hop?: { index: number; name: string };
}

export interface ExecutionParameters {
  MaxConcurrentTransforms?: number;
  BatchStrategy?: string;
  MaxPayloadInMB?: number;
}

export interface InvocationTarget {
  invoke(
    body: Buffer,
    contentType: string,
    accept: string | undefined,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<Answer>;
  /** The container's GET /execution-parameters answer, or undefined when it has none. */
  executionParameters(): Promise<ExecutionParameters | undefined>;
}

/**
 * One exchange with a container for a job (transform, pipeline hop, readiness probe): the whole body,
 * sockets kept alive (a batch transform sends thousands of requests to one port). Rejects with
 * `NoAnswer` when no complete answer came.
 */
export async function httpExchange(
  port: number,
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
): Promise<Answer> {
  const res = await requestServer({ port, method, path, headers, body, signal, timeoutMs, keepAlive: true });
  return { status: res.status, contentType: String(res.headers["content-type"] ?? ""), body: res.body };
}

/** A single container listening on a host port. */
export function containerTarget(port: number): InvocationTarget {
  return {
    invoke: (body, contentType, accept, options) =>
      httpExchange(port, "POST", "/invocations", { "Content-Type": contentType, ...(accept ? { Accept: accept } : {}) }, body, options),
    executionParameters: async () => {
      try {
        const answer = await httpExchange(port, "GET", "/execution-parameters", {}, undefined, { timeoutMs: 5000 });
        if (answer.status !== 200) return undefined;
        const parsed = JSON.parse(answer.body.toString("utf8")) as ExecutionParameters;
        return parsed && typeof parsed === "object" ? parsed : undefined;
      } catch {
        return undefined; // optional endpoint: no answer means defaults
      }
    },
  };
}
