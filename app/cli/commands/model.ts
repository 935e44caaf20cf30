// `stagemaker inspect FILE` and the model half of `stagemaker new DIR --from FILE`.
import { readdir, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { type Detection, GENERATED_KINDS, type ModelPlan, type Project } from "../../contract";
import type { openCli as openCore } from "../cli-context";
import { openCli } from "../open-cli";
import { buildEventLine } from "../render-events";
import { isHandlerArtifact, newHandlerProject } from "./handler-model";

type Cli = ReturnType<typeof openCore>;

export function detectionText(d: Detection): string {
  const lines = [`${d.file}: ${d.kind}${d.frameworkVersion ? ` ${d.frameworkVersion}` : ""} (${d.format}, ${d.size} bytes)`];
  if (d.summary) lines.push(`  ${d.summary}`);
  if (d.numpy) lines.push(`  pickled under numpy ${d.numpy}`);
  for (const t of d.inputs ?? []) lines.push(`  input  ${t.name}: ${t.type} [${t.shape.join(", ")}]`);
  for (const t of d.outputs ?? []) lines.push(`  output ${t.name}: ${t.type} [${t.shape.join(", ")}]`);
  for (const n of d.notes) lines.push(`  note: ${n}`);
  return lines.join("\n");
}

export function planText(plan: ModelPlan): string {
  const i = plan.introspection;
  const lines = [
    `Model: ${i.kind} ${i.frameworkVersion}${i.estimator ? `, ${i.estimator}` : ""}${i.objective ? `, objective ${i.objective}` : ""}`,
    `Task: ${i.task}${i.classes ? `, classes ${i.classes.map(String).join(", ")}` : ""}`,
    `Features (${i.features.length}): ${i.features.map((f) => `${f.name}: ${f.dtype}${f.text ? " (text)" : ""}${f.categories ? ` {${f.categories.slice(0, 5).join(", ")}${f.categories.length > 5 ? ", …" : ""}}` : ""}`).join("; ")}`,
    `Outputs: ${i.outputs.map((o) => `${o.name}: ${o.dtype}${o.shape ? `[${o.shape.join(", ")}]` : ""}`).join("; ")}`,
    `Requirements: ${plan.requirements.join(" ")}`,
    ...plan.notes.map((n) => `note: ${n}`),
  ];
  return lines.join("\n");
}

export function registerModelCommands(program: Command, json: () => boolean): void {
  program
    .command("inspect")
    .description("say what a model file (or each file of a model.tar.gz) is, from its bytes; nothing is loaded")
    .argument("<file>", "model file or model.tar.gz")
    .action(async (file: string) => {
      const cli = await openCli(json());
      const r = await cli.call("model.inspect", { path: resolve(file) });
      await cli.finish(r, r.detections.map(detectionText).join("\n"));
    });
}

/** `new --from` a file with no adapter: refused before any project exists, saying what to do instead. */
export async function refuseUnserved(cli: Cli, file: string, detections: Detection[]): Promise<void> {
  if (isHandlerArtifact(detections)) return; // script mode: the person's inference.py serves it
  if (detections.some((d) => (GENERATED_KINDS as readonly string[]).includes(d.kind))) return;
  const what = detections
    .map((d) => `${d.file} is ${d.kind === "unknown" ? "not a model format Stagemaker recognises" : `a ${d.kind} model (${d.format})`}`)
    .join("; ");
  const why = [...new Set(detections.flatMap((d) => d.notes))].join(" ");
  await cli.refuse({
    code: "invalid-input",
    message:
      `${what}: Stagemaker has no adapter that serves it, so no project was made. ${why}`.trim() +
      `\nTo serve it anyway: \`stagemaker new DIR\` (the template), copy ${basename(file)} into DIR/artifacts/, add its framework to DIR/requirements.txt and write DIR/model/predictor.py.`,
  });
}

/** Removes what `new` made: the folder, or only its contents when the person gave an empty one. */
export async function removeNewProject(dir: string, existed: boolean, say: (line: string) => void): Promise<void> {
  if (!existed) await rm(dir, { recursive: true, force: true });
  else for (const entry of await readdir(dir)) await rm(join(dir, entry), { recursive: true, force: true });
  say(
    `No project was kept (${existed ? `${dir} is empty again` : `${dir} was removed`}): after the fix, run \`stagemaker new\` again (--framework-version chooses another version).`,
  );
}

/** After `new`: import the model, plan from it in a container, write every generated file. */
export async function newFromModel(
  cli: Cli,
  project: Project,
  file: string,
  dir: string,
  opts: { frameworkVersion?: string; requirements?: boolean } = {},
): Promise<void> {
  const { frameworkVersion } = opts;
  cli.say(`Importing ${file}`);
  await cli.stream("artifacts.importPaths", { project: project.dir, paths: [resolve(file)] }, () => undefined);
  // SageMaker script mode (code/inference.py): served as written, no predictor generated.
  if (await newHandlerProject(cli, project, file, dir)) return;
  const plan = await cli.stream(
    "model.plan",
    { project: project.dir, artifact: basename(file), ...(frameworkVersion ? { frameworkVersion } : {}) },
    (e) => cli.say(e.type === "stage" ? e.message : buildEventLine(e.event, false)),
  );
  // With --requirements the generated requirements.txt carries the versions asked for, so it may replace the file they were given in.
  const overwrite = opts.requirements ? ["requirements.txt"] : [];
  const applied = await cli.call("model.apply", {
    project: project.dir,
    files: plan.files.map(({ path, content }) => ({ path, content })),
    overwrite,
  });
  const example = plan.example.csv.trim();
  await cli.finish(
    { project, plan, applied },
    [
      `Created ${project.manifest.name} in ${project.dir} from ${basename(file)}`,
      planText(plan),
      `Wrote: ${applied.written.join(", ") || "nothing new"}`,
      "Next:",
      `  stagemaker build ${dir} && stagemaker run ${dir}`,
      `  stagemaker invoke ${dir} --content-type text/csv --accept text/csv --data '${example.replace(/'/g, "'\\''")}'`,
    ].join("\n"),
  );
}
