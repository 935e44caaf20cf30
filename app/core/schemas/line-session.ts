// A long-lived Python process behind a `docker exec` that answers one line per request line: the schema reader's and the model writer's sessions.
import { PassThrough, type Duplex } from "node:stream";
import type Docker from "dockerode";

const ANSWER_LIMIT_MS = 30_000;

export class LineSession {
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
        this.waiting.shift()?.(line);
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

  /** The answer to one request line, or undefined when the process is gone (or took too long: it is closed). */
  ask(request: string): Promise<string | undefined> {
    const turn = this.queue.then(
      () =>
        new Promise<string | undefined>((resolve) => {
          if (this.ended) return resolve(undefined);
          const timer = setTimeout(() => {
            this.close();
            resolve(undefined);
          }, ANSWER_LIMIT_MS);
          this.waiting.push((line) => {
            clearTimeout(timer);
            resolve(line);
          });
          this.stream.write(`${request}\n`);
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

/** Starts `cmd` in the container with stdin attached, as a session. */
export async function openLineSession(docker: Docker, containerId: string, cmd: string[], workingDir: string): Promise<LineSession> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    WorkingDir: workingDir,
  });
  const stream = (await exec.start({ hijack: true, stdin: true })) as unknown as Duplex;
  return new LineSession(stream, docker);
}
