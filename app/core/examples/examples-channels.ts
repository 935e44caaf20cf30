// The examples.* channels: list, save (from history or by sending now), remove and replay examples/.
import { type DomainServices, type Manifest, StagemakerError } from "../../contract";
import type { SendingDeps } from "../invoke/invoke-channels";
import { sendInvocation } from "../invoke/send-invocation";
import { openProjectDir } from "../project-dir";
import { listExamples, removeExampleFile, replaceExpected, writeExampleFile } from "./example-file";
import { runExample, runExamples } from "./run-examples";

const DEFAULT_RULES = { floatAbs: 1e-6, floatRel: 1e-6, ignore: [] as string[] };
const NOT_RUNNING = "The project is not running. Run it first (`stagemaker run` or the Run button).";

export function examplesChannels({ ports, histories, guard }: SendingDeps): DomainServices<"examples"> {
  /** The port to send to now, once the guard agrees the running server serves the project's model. */
  const portOf = async (dir: string, manifest: Manifest, action: "invoke" | "replay") => {
    await guard(dir, manifest, action);
    return ports.portOf(dir);
  };
  const history = (dir: string) => histories.of(dir);
  return {
    "examples.list": async ({ project }) => {
      const { dir } = await openProjectDir(project);
      const { examples, broken } = await listExamples(dir);
      if (broken.length && !examples.length) throw new StagemakerError("invalid-input", broken.map((b) => b.message).join("\n"));
      return examples;
    },
    "examples.save": async ({ project, name, description, historyId, request, match, overwrite }, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      let entry;
      if (historyId) {
        entry = (await history(dir).list()).find((h) => h.id === historyId);
        if (!entry)
          throw new StagemakerError(
            "not-found",
            "That history entry is gone (history keeps the last 100). Send the request again and save it.",
          );
      } else if (request) {
        const port = await portOf(dir, manifest, "invoke");
        if (!port) throw new StagemakerError("not-running", NOT_RUNNING);
        const result = await sendInvocation(port, { ...request, timeoutMs: 65_000 }, ctx.signal, Number.MAX_SAFE_INTEGER);
        entry = await history(dir).add({ request: { ...request, timeoutMs: 65_000 }, result });
      } else throw new StagemakerError("invalid-input", "Give a history entry or a request to save as an example.");
      const { result } = entry;
      if (result.status === undefined)
        throw new StagemakerError(
          "invalid-input",
          `The request got no answer (${result.failure?.message ?? "no response"}), so there is nothing to expect.`,
        );
      if (result.truncated || entry.request.body.length >= 64 * 1024 - 1)
        throw new StagemakerError(
          "invalid-input",
          "The request or its answer was too large to keep in history whole; save it with the CLI (`stagemaker examples save --data @file`).",
        );
      const contentType = Object.entries(result.headers).find(([k]) => k.toLowerCase() === "content-type")?.[1];
      return writeExampleFile(
        dir,
        {
          name,
          description,
          request: {
            path: entry.request.path,
            contentType: entry.request.contentType,
            accept: entry.request.accept,
            customAttributes: entry.request.customAttributes,
            body: entry.request.body,
          },
          expected: { status: result.status, contentType, body: result.body },
          match: { ...DEFAULT_RULES, ...match },
        },
        overwrite,
      );
    },
    "examples.remove": async ({ project, name }) => {
      await removeExampleFile((await openProjectDir(project)).dir, name);
      return { done: true as const };
    },
    "examples.accept": async ({ project, name, answer }, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      const example = (await listExamples(dir)).examples.find((e) => e.name === name);
      if (!example) throw new StagemakerError("not-found", `No example named "${name}" in examples/.`);
      let expected = answer;
      if (!expected) {
        // No answer given (the CLI): send the example now and keep what the model answers today.
        const port = await portOf(dir, manifest, "replay");
        if (!port) throw new StagemakerError("not-running", NOT_RUNNING);
        const { got, error } = await runExample(port, example, ctx.signal);
        if (got.status === undefined)
          throw new StagemakerError(
            "invalid-input",
            `The request got no answer (${error ?? "no response"}), so there is nothing to expect. Check the Run tab's log, then try again.`,
          );
        expected = { status: got.status, contentType: got.contentType, body: got.body };
      }
      return replaceExpected(dir, example, expected);
    },
    "examples.run": async ({ project, names }, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      await guard(dir, manifest, "replay"); // before "no examples": a refused model is the first thing to say
      const { examples, broken } = await listExamples(dir);
      if (broken.length)
        throw new StagemakerError("invalid-input", `Some example files cannot be read:\n${broken.map((b) => b.message).join("\n")}`);
      const chosen = names?.length ? examples.filter((e) => names.includes(e.name)) : examples;
      const missing = names?.filter((n) => !examples.some((e) => e.name === n)) ?? [];
      if (missing.length)
        throw new StagemakerError("not-found", `No example named ${missing.map((m) => `"${m}"`).join(", ")} in examples/.`);
      if (!chosen.length)
        throw new StagemakerError("not-found", "No examples yet: save one from the Invoke history or with `stagemaker examples save`.");
      const port = await ports.portOf(dir);
      if (!port) throw new StagemakerError("not-running", NOT_RUNNING);
      return runExamples(port, chosen, ctx.signal);
    },
  };
}
