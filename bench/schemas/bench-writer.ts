/**
 * Field table -> pydantic code (`npm run bench:writer`): prints the time of one preview
 * (services["schemas.code"]: a JSON line to the long-lived Python writer in the project's tools
 * container) against the reference of a fresh `docker exec` starting Python per preview, in the
 * same container and run; p50 and p95 of 40 previews, 10 for the reference; and the ratio.
 * Uses the real engine and template (the tools image is built first if this engine lacks it);
 * removes its project, image and tools container at the end.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelFileSpec } from "../../app/contract";
import { createServices } from "../../app/core/services";
import { openEngine } from "../../app/core/engine/engine-access";
import { ToolsContainers } from "../../app/core/diagnostics/check-python";
import { execIn } from "../../app/core/diagnostics/tools-container";
import { SAMPLE_TABLE } from "../../app/core/testing/field-table-sample";
import { servicesOptions } from "../../app/faces-common/services-options";
import { cleanUpProject } from "../../app/core/testing/throwaway-template";
import { fmtMs, median, percentile, timed } from "../core/measure";

const signal = new AbortController().signal;
const workspaceDir = mkdtempSync(join(tmpdir(), "smk-bench-writer-"));
const options = servicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") });
const services = createServices(options);
const { docker } = openEngine(options.docker);
const project = await services["projects.create"]({ name: `smk-bench-writer-${process.pid}` }, { signal });
const say = (line: string) => process.stdout.write(line + "\n");

/** A table as a person leaves it after i keystrokes: the sample with a field renamed each time. */
const tableAt = (i: number): ModelFileSpec => ({
  ...SAMPLE_TABLE,
  main: { ...SAMPLE_TABLE.main, fields: SAMPLE_TABLE.main.fields.map((f, j) => (j === 0 ? { ...f, name: `city_${i}` } : f)) },
});

try {
  const first = await timed(() => services["schemas.code"]({ project: project.dir, which: "instance", spec: tableAt(0) }, { signal }));
  say(`first preview (tools image and container made ready, Python started): ${fmtMs(first.ms)}`);

  const session: number[] = [];
  for (let i = 1; i <= 40; i++) {
    const { ms, value } = await timed(() =>
      services["schemas.code"]({ project: project.dir, which: "instance", spec: tableAt(i) }, { signal }),
    );
    if (!value.code.includes(`city_${i}: str`)) throw new Error(`preview ${i} did not show the edit:\n${value.code}`);
    session.push(ms);
  }

  const container = await new ToolsContainers().get(docker, { projectDir: project.dir, templateDir: options.templateDir });
  const fresh: number[] = [];
  for (let i = 1; i <= 10; i++) {
    const request = JSON.stringify({ which: "instance", spec: tableAt(i) });
    const { ms, value } = await timed(() =>
      execIn(
        docker,
        container,
        ["sh", "-c", 'cd /opt/stagemaker && printf "%s\\n" "$REQUEST" | python -m tools.model_writer'],
        [`REQUEST=${request}`],
      ),
    );
    if (!value.stdout.includes(`city_${i}: str`)) throw new Error(`exec ${i} did not answer: ${value.stderr}`);
    fresh.push(ms);
  }

  const p50 = median(session);
  const ref = median(fresh);
  say(`preview through the session:     p50 ${fmtMs(p50)}, p95 ${fmtMs(percentile(session, 95))} (40 previews)`);
  say(`reference, docker exec per call: p50 ${fmtMs(ref)}, p95 ${fmtMs(percentile(fresh, 95))} (10 previews)`);
  say(`ratio: the session answers ${(ref / p50).toFixed(1)}x faster`);
} finally {
  await services.close();
  await cleanUpProject(project.dir, project.manifest.imageTag);
}
