import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project } from "../../contract";
import { testServicesOptions } from "../testing/test-services-options";
import { createServices } from "../services";
import { cleanUpProject, uniqueName } from "../testing/throwaway-template";
import { SAMPLE_TABLE } from "../testing/field-table-sample";

// Schemas read by Python in the real template image, the field table written and read back, and
// saved examples that catch a changed answer, on the real engine.
process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";

const workspaceDir = mkdtempSync(join(tmpdir(), "smk-schemas-"));
const services = createServices(testServicesOptions({ workspaceDir, stateDir: join(workspaceDir, ".state") }));
const signal = new AbortController().signal;
const ctx = { signal };
let project: Project;

beforeAll(async () => {
  project = await services["projects.create"]({ name: uniqueName("schemas") }, ctx);
  await services["build.run"]({ project: project.dir }, () => undefined, ctx);
}, 600_000);

afterAll(async () => {
  if (project) await cleanUpProject(project.dir, project.manifest.imageTag);
  await services.close();
});

describe("schemas through Python", () => {
  it("reads them from a throwaway container of the image, then from the cache", async () => {
    const s = await services["schemas.read"]({ project: project.dir, refresh: false }, ctx);
    expect(s.readFrom).toBe("image");
    expect(s.fieldOrder.instance).toEqual(["field1", "field2"]);
    expect(s.tables.instance?.main.fields.map((f) => [f.name, f.type])).toEqual([
      ["field1", "str"],
      ["field2", "float"],
    ]);
    expect(s.sources.instance.editable).toBe(true);
    const again = await services["schemas.read"]({ project: project.dir, refresh: false }, ctx);
    expect(again.readAt).toBe(s.readAt);
  }, 120_000);

  it("previews a table's code through Python in the tools container, and refuses a table it cannot mean", async () => {
    // The first call may build the tools image (pip): the long limit is for that, once per engine.
    const preview = await services["schemas.code"]({ project: project.dir, which: "instance", spec: SAMPLE_TABLE }, ctx);
    expect(preview.path).toBe("model/instance.py");
    // The same file the template's own writer tests (tests/test_model_writer.py) pin.
    expect(preview.code).toBe(readFileSync(join(__dirname, "../../../server-template/tests/lab/written/instance.py"), "utf8"));
    const emptyEnum = { name: "k", type: "enum" as const, list: false, enumValues: [], required: true, nullable: false };
    await expect(
      services["schemas.code"](
        { project: project.dir, which: "instance", spec: { main: { name: "Instance", fields: [emptyEnum] }, nested: [] } },
        ctx,
      ),
    ).rejects.toThrow(/Instance\.k: an enum needs at least one value/);
  }, 900_000);

  it("in dev mode reads a saved edit from the running container; writes a field table and reads it back", async () => {
    expect((await services["run.start"]({ project: project.dir }, () => undefined, ctx)).state).toBe("healthy");
    const path = join(project.dir, "model/instance.py");
    writeFileSync(path, readFileSync(path, "utf8") + "    field3: int = 7\n");
    const edited = await services["schemas.read"]({ project: project.dir, refresh: false }, ctx);
    expect(edited.readFrom).toBe("container");
    expect(edited.fieldOrder.instance).toEqual(["field1", "field2", "field3"]);

    await services["schemas.writeModel"]({ project: project.dir, which: "instance", spec: SAMPLE_TABLE }, ctx);
    const back = await services["schemas.read"]({ project: project.dir, refresh: false }, ctx);
    const fields = back.tables.instance?.main.fields ?? [];
    expect(fields.map((f) => f.name)).toEqual(SAMPLE_TABLE.main.fields.map((f) => f.name));
    expect(fields.find((f) => f.name === "kind")).toMatchObject({ type: "enum", enumValues: ["flat", "house"] });
    expect(fields.find((f) => f.name === "rooms_detail")).toMatchObject({ type: "model", model: "Room", list: true });
    expect(fields.find((f) => f.name === "rooms")).toMatchObject({ ge: 1, le: 20 });
    expect(back.tables.instance?.nested.map((m) => m.name)).toEqual(["Room"]);
  }, 180_000);

  it("refuses to overwrite code a table cannot represent", async () => {
    const path = join(project.dir, "model/prediction.py");
    writeFileSync(path, readFileSync(path, "utf8") + "\n    def shout(self) -> str:\n        return self.output_field.upper()\n");
    const s = await services["schemas.read"]({ project: project.dir, refresh: false }, ctx);
    expect(s.sources.prediction.editable).toBe(false);
    await expect(
      services["schemas.writeModel"](
        { project: project.dir, which: "prediction", spec: { main: { name: "Prediction", fields: [] }, nested: [] } },
        ctx,
      ),
    ).rejects.toThrow(/cannot represent/);
    expect(readFileSync(path, "utf8")).toContain("def shout");
  }, 120_000);
});
