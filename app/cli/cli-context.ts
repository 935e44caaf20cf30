import type { CallName, ErrorInfo, InputOf, OutputOf, StreamName, EventOf } from "../contract";
import { bindServices } from "../faces-common/binding";
import { servicesOptions } from "../faces-common/services-options";
import { createServices } from "../core/services";
import { exitCodes } from "./exit-codes";

/** The CLI is one more face: it parses with the contract and gets the same envelope as the GUI. */
export function openCli(json: boolean) {
  const services = createServices(servicesOptions());
  const binding = bindServices(services);
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write("\nCancelling… (Ctrl-C again to quit at once)\n");
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  // Undo steps a command registers (a half-made project) that run before it ends with an error.
  const undoOnFailure: (() => Promise<void>)[] = [];
  const say = (line: string | undefined) => {
    if (line !== undefined && !json) process.stderr.write(line + "\n");
  };

  return {
    signal: abort.signal,
    say,
    async call<K extends CallName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
      const r = await binding.call(name, input, abort.signal);
      if (!r.ok) return fail(r.error, json);
      return r.value as OutputOf<K>;
    },
    async stream<K extends StreamName>(name: K, input: InputOf<K>, onEvent: (e: EventOf<K>) => void): Promise<OutputOf<K>> {
      const r = await binding.stream(name, input, (e) => onEvent(e as EventOf<K>), abort.signal);
      if (!r.ok) return fail(r.error, json);
      return r.value as OutputOf<K>;
    },
    /** Runs `undo` (newest first) if the command later ends with an error, cancel included. */
    onFailure(undo: () => Promise<void>): void {
      undoOnFailure.unshift(undo);
    },
    /** Ends the command with an error of the contract's shape (exit code by its code). */
    refuse(error: ErrorInfo): Promise<never> {
      return fail(error, json);
    },
    /** Prints the final value: JSON on --json, else the human text; then exits with `code`. */
    async finish(value: unknown, human: string | undefined, code = 0): Promise<never> {
      const text = json ? JSON.stringify({ ok: true, value }, null, 2) + "\n" : human !== undefined ? human + "\n" : "";
      // Flushed before exit: a pipe whose reader is slow took only the first 64 KB of a large answer
      // (a model plan with its files) when process.exit came before the write had drained.
      if (text) await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
      await closeServices();
      process.exit(code);
    },
  };

  /** The containers a command started for itself (checks, jobs, schema readers, tools) end with it; a `run`'s server stays. */
  function closeServices(): Promise<void> {
    return services.close({ keepServers: true }).catch((err: unknown) => {
      process.stderr.write(`stagemaker: could not remove every container it started: ${(err as Error).message}\n`);
    });
  }

  async function fail(error: ErrorInfo, json: boolean): Promise<never> {
    for (const undo of undoOnFailure.splice(0))
      await undo().catch((err: unknown) => process.stderr.write(`stagemaker: could not undo a step: ${(err as Error).message}\n`));
    await closeServices();
    return failNow(error, json);
  }
}

function failNow(error: ErrorInfo, json: boolean): never {
  if (json) process.stdout.write(JSON.stringify({ ok: false, error }, null, 2) + "\n");
  else {
    // The output first, then what failed and what to do: the last lines a person reads are the answer.
    const lastLines =
      error.code === "build-failed" ? error.detail?.lastLines : error.code === "run-failed" ? error.detail?.lastLogs : undefined;
    if (lastLines?.length) process.stderr.write(["Last output lines:", ...lastLines.map((l) => `  ${l}`)].join("\n") + "\n");
    process.stderr.write(`error: ${error.message}\n`);
    if (error.code === "run-failed" && error.detail) {
      const d = error.detail;
      if (d.exitCode != null && !error.message.includes(`code ${d.exitCode}`)) process.stderr.write(`Exit code ${d.exitCode}.\n`);
      if (d.hint) process.stderr.write(`What to do: ${d.hint}\n`);
      if (d.containerId)
        process.stderr.write(
          "The container is kept for its log (`stagemaker logs DIR`); after a fix, `stagemaker reload DIR`, or `stagemaker stop DIR`.\n",
        );
    }
  }
  process.exit(exitCodes[error.code] ?? 1);
}
