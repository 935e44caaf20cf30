import { PassThrough, type Readable, Writable } from "node:stream";
import type Docker from "dockerode";

export type LogStream = "stdout" | "stderr";

/**
 * Calls `onLine` for every complete line of the container's stdout/stderr (demuxed with the
 * modem's own demuxer). Resolves when the log stream ends (container stopped) or `signal` aborts.
 */
export async function followLogs(
  docker: Docker,
  container: Docker.Container,
  onLine: (stream: LogStream, line: string) => void,
  {
    tail = 200,
    follow = true,
    since,
    signal,
    onAttached,
  }: { tail?: number; follow?: boolean; since?: number; signal?: AbortSignal; onAttached?: () => void } = {},
): Promise<void> {
  const info = await container.inspect();
  const answer = (await container.logs({
    follow: follow as true,
    stdout: true,
    stderr: true,
    tail,
    since,
    abortSignal: signal,
  } as Docker.ContainerLogsOptions & { follow: true })) as unknown;
  // Without follow the engine's answer arrives as one Buffer; make it a stream either way.
  const raw: Readable = Buffer.isBuffer(answer) ? new PassThrough().end(answer) : (answer as Readable);
  // The engine answered: from here on every new line reaches us.
  onAttached?.();
  const out = lineSplitter((l) => onLine("stdout", l));
  const err = lineSplitter((l) => onLine("stderr", l));
  // A container with a TTY sends one plain stream; otherwise the engine multiplexes both.
  if (info.Config.Tty) raw.pipe(out);
  else docker.modem.demuxStream(raw, out, err);
  await new Promise<void>((resolve) => {
    const done = () => {
      out.end();
      err.end();
      resolve();
    };
    raw.on("end", done);
    raw.on("close", done);
    raw.on("error", done);
    signal?.addEventListener(
      "abort",
      () => {
        raw.destroy();
        done();
      },
      { once: true },
    );
  });
}

/** The last lines of a container's output, stdout and stderr merged in order. */
export async function lastLogLines(docker: Docker, container: Docker.Container, count = 50): Promise<string[]> {
  const lines: string[] = [];
  await followLogs(docker, container, (_s, l) => lines.push(l), { tail: count, follow: false }).catch(() => undefined);
  return lines.slice(-count);
}

/** A Writable that hands over complete lines synchronously, so stdout and stderr keep their order. */
function lineSplitter(onLine: (line: string) => void): Writable {
  let partial = "";
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop() ?? "";
      for (const p of parts) onLine(p.replace(/\r$/, ""));
      done();
    },
    final(done) {
      if (partial) onLine(partial);
      partial = "";
      done();
    },
  });
}
