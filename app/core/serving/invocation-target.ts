// Where a transform sends its requests: one container's /invocations, or a pipeline's chain of them.
import { Agent, request } from "node:http";

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

/** Keep-alive sockets: a batch transform sends thousands of requests to the same port. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function httpExchange(
  port: number,
  method: "GET" | "POST",
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  { signal, timeoutMs }: { signal?: AbortSignal; timeoutMs: number },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        agent,
        headers: body ? { ...headers, "Content-Length": String(body.length) } : headers,
        signal,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on("error", reject);
    req.end(body);
  });
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
