// `stagemaker inspect FILE` and the model half of `stagemaker new DIR --from FILE`.
import { basename, resolve } from "node:path";
import type { Command } from "commander";
import { type Detection, GENERATED_KINDS, type IntakePlan, type Project } from "../../contract";
import type { openCli as openCore } from "../cli-context";
import { openCli } from "../open-cli";
import { buildEventLine } from "../render-events";

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

export function planText(plan: IntakePlan): string {
  const i = plan.introspection;
  const lines = [
    `Model: ${i.kind} ${i.frameworkVersion}${i.estimator ? `, ${i.estimator}` : ""}${i.objective ? `, objective ${i.objective}` : ""}`,
    `Task: ${i.task}${i.classes ? `, classes ${i.classes.map(String).join(", ")}` : ""}`,
    `Features (${i.features.length}): ${i.features.map((f) => `${f.name}: ${f.dtype}${f.categories ? ` {${f.categories.slice(0, 5).join(", ")}${f.categories.length > 5 ? ", …" : ""}}` : ""}`).join("; ")}`,
    `Requirements: ${plan.requirements.join(" ")}`,
    ...plan.notes.map((n) => `note: ${n}`),
  ];
  return lines.join("\n");
}

export function registerIntakeCommands(program: Command, json: () => boolean): void {
  program
    .command("inspect")
    .description("say what a model file (or each file of a model.tar.gz) is, from its bytes; nothing is loaded")
    .argument("<file>", "model file or model.tar.gz")
    .action(async (file: string) => {
      const cli = await openCli(json());
      const r = await cli.call("intake.inspect", { path: resolve(file) });
      await cli.finish(r, r.detections.map(detectionText).join("\n"));
    });
}

/** After `new`: import the model, plan from it in a container, write every generated file. */
export async function newFromModel(cli: Cli, project: Project, file: string, dir: string, requirements?: string): Promise<void> {
  const { detections } = await cli.call("intake.inspect", { path: resolve(file) });
  cli.say(`Importing ${file}`);
  await cli.stream("artifacts.importPaths", { project: project.dir, paths: [resolve(file)] }, () => undefined);
  if (!detections.some((d) => (GENERATED_KINDS as readonly string[]).includes(d.kind))) {
    // Today's behaviour for a file of unknown kind: it is in artifacts/, the predictor is the person's to write.
    await cli.finish({ project, detections }, [`Created ${project.manifest.name} in ${project.dir}; ${basename(file)} is in artifacts/.`, ...detections.map(detectionText)].join("\n"));
  }
  const plan = await cli.stream("intake.plan", { project: project.dir, artifact: basename(file) }, (e) =>
    cli.say(e.type === "stage" ? e.message : buildEventLine(e.event, false)),
  );
  // With --requirements the generated requirements.txt carries the versions asked for, so it may replace the file they were given in.
  const overwrite = requirements ? ["requirements.txt"] : [];
  const applied = await cli.call("intake.apply", { project: project.dir, files: plan.files.map(({ path, content }) => ({ path, content })), overwrite });
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
