// A long-lived `python -m tools.schema --serve` inside the running dev container: each read re-imports model/ without paying Python's and pydantic's start-up again.
import { PassThrough, type Duplex } from "node:stream";
import type Docker from "dockerode";
import { schemaCommand } from "./schema-command";

const READ_LIMIT_MS = 30_000;

/** One Python process per container, answering one JSON line per request line. */
class SchemaSession {
  private lines: string[] = [];
  private waiting: ((line: string | undefined) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private partial = "";
  ended = false;

  constructor(
    private readonly stream: Duplex,
    docker: Docker,
  ) {
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => {
      this.partial += chunk.toString("utf8");
      let nl: number;
      while ((nl = this.partial.indexOf("\n")) >= 0) {
        const line = this.partial.slice(0, nl);
        this.partial = this.partial.slice(nl + 1);
        const next = this.waiting.shift();
        if (next) next(line);
        else this.lines.push(line);
      }
    });
    docker.modem.demuxStream(stream, out, new PassThrough().resume());
    const end = () => {
      this.ended = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    };
    stream.on("end", end);
    stream.on("close", end);
    stream.on("error", end);
  }

  /** The next report, or undefined when the process is gone (an old image without --serve). */
  read(): Promise<string | undefined> {
    const turn = this.queue.then(
      () =>
        new Promise<string | undefined>((resolve) => {
          if (this.ended) return resolve(undefined);
          const timer = setTimeout(() => {
            this.close();
            resolve(undefined);
          }, READ_LIMIT_MS);
          this.waiting.push((line) => {
            clearTimeout(timer);
            resolve(line);
          });
          this.stream.write("report\n");
        }),
    );
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  close(): void {
    this.ended = true;
    this.stream.end();
    this.stream.destroy();
  }
}

const sessions = new Map<string, Promise<SchemaSession>>();

async function open(docker: Docker, containerId: string): Promise<SchemaSession> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: schemaCommand("--serve"),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    WorkingDir: "/opt/program",
  });
  const stream = (await exec.start({ hijack: true, stdin: true })) as unknown as Duplex;
  return new SchemaSession(stream, docker);
}

/** A report from the container's session (started on first use), or undefined to fall back. */
export async function reportFromSession(docker: Docker, containerId: string): Promise<string | undefined> {
  let session = sessions.get(containerId);
  if (!session) sessions.set(containerId, (session = open(docker, containerId)));
  try {
    const s = await session;
    const line = await s.read();
    if (line === undefined || s.ended) sessions.delete(containerId);
    return line;
  } catch {
    sessions.delete(containerId);
    return undefined;
  }
}

/** Ends every session (the app or CLI is closing). */
export async function endSchemaSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  for (const s of await Promise.allSettled(all)) if (s.status === "fulfilled") s.value.close();
}
