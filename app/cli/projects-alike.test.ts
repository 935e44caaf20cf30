// Two projects named alike, built one after the other, each serve their own model: their images
// carry the project's id in the tag and their folder and id in labels. A copied folder (same id) is
// refused by `run` with what to do; a project from before ids gets one when opened.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { scaled } from "../../scripts/test-env/time-factor";
import { cleanUpProject } from "../core/testing/throwaway-template";
import { testCli } from "../core/testing/test-cli";

const root = mkdtempSync(join(tmpdir(), "smk-alike-"));
// The same readable name in two folders, as two folders called `model` would get.
const name = `smk-test-containers-alike-${process.pid}`;
const first = join(root, "one", "model");
const second = join(root, "two", "model");
const copy = join(root, "three", "model");
const tags: string[] = [];

const cli = testCli(root, 600_000);

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "stagemaker.json"), "utf8")) as { imageTag: string; projectId?: string; run: { devMode: boolean } };

/** A project whose predictor multiplies by `factor`, served from its image (dev mode off: no mount of model/). */
async function project(dir: string, factor: number): Promise<void> {
  const created = await cli(["new", dir, "--name", name]);
  expect(created.code, created.stderr).toBe(0);
  const predictor = join(dir, "model", "predictor.py");
  writeFileSync(predictor, readFileSync(predictor, "utf8").replace("self.factor = 2.0", `self.factor = ${factor}.0`));
  const manifest = manifestOf(dir);
  writeFileSync(join(dir, "stagemaker.json"), JSON.stringify({ ...manifest, run: { ...manifest.run, devMode: false } }, null, 2));
  tags.push(manifest.imageTag);
}

const answerOf = async (dir: string) => {
  const r = await cli(["invoke", dir, "--data", '{"instances":[{"field1":"x","field2":1}]}']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};

afterAll(async () => {
  for (const dir of [first, second, copy]) await cleanUpProject(dir);
  const docker = new Docker();
  for (const tag of tags)
    await docker
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
});

describe("projects named alike", () => {
  it(
    "each build gets its own image, and each project serves its own model",
    async () => {
      await project(first, 3);
      await project(second, 5);
      expect(manifestOf(first).imageTag).not.toBe(manifestOf(second).imageTag);
      expect(manifestOf(first).imageTag).toMatch(new RegExp(`^stagemaker/${name}-[a-z0-9]{8}:latest$`));

      expect((await cli(["build", first])).code).toBe(0);
      expect((await cli(["build", second])).code).toBe(0);
      const image = await new Docker().getImage(manifestOf(first).imageTag).inspect();
      expect(image.Config.Labels).toMatchObject({
        "com.stagemaker.project-folder": first,
        "com.stagemaker.project-id": manifestOf(first).projectId,
      });

      for (const dir of [first, second]) expect((await cli(["run", dir])).code).toBe(0);
      expect(await answerOf(first)).toEqual({ predictions: [{ output_field: "x:3.0" }] });
      expect(await answerOf(second)).toEqual({ predictions: [{ output_field: "x:5.0" }] });
      for (const dir of [first, second]) await cli(["stop", dir]);
    },
    scaled(900_000),
  );

  it(
    "run refuses an image whose labels name another project, and says how to give the copy its own",
    async () => {
      cpSync(first, copy, { recursive: true });
      const refused = await cli(["run", copy]);
      expect(refused.code).toBe(9);
      expect(refused.stderr).toContain(`was built from ${first}`);
      expect(refused.stderr).toContain('remove the "projectId" line');

      // Followed, the advice works: the copy gets its own id and image.
      const manifest = manifestOf(copy) as Record<string, unknown>;
      delete manifest.projectId;
      manifest.imageTag = `stagemaker/${name}:latest`; // as every project before ids had
      writeFileSync(join(copy, "stagemaker.json"), JSON.stringify(manifest, null, 2));
      const built = await cli(["build", copy]);
      expect(built.code, built.stderr).toBe(0);
      const migrated = manifestOf(copy);
      tags.push(migrated.imageTag);
      expect(migrated.projectId).toMatch(/^[a-z0-9]{8}$/);
      expect(migrated.projectId).not.toBe(manifestOf(first).projectId);
      expect(migrated.imageTag).toBe(`stagemaker/${name}-${migrated.projectId}:latest`);
      expect((await cli(["run", copy])).code).toBe(0);
      expect(await answerOf(copy)).toEqual({ predictions: [{ output_field: "x:3.0" }] });
      await cli(["stop", copy]);
    },
    scaled(900_000),
  );

  it(
    "a project from before ids gets one when opened, and keeps its last build under its new tag",
    async () => {
      // The state such a project is in: the shared tag, no id, an image without our labels, a build record naming it.
      const docker = new Docker();
      const oldTag = `stagemaker/${name}:latest`;
      const holder = await docker.createContainer({ Image: manifestOf(second).imageTag });
      const committed = (await holder.commit({
        repo: `stagemaker/${name}`,
        tag: "latest",
        changes: ["LABEL com.stagemaker.project-id= com.stagemaker.project-folder="],
      })) as { Id: string };
      await holder.remove({ force: true });
      tags.push(oldTag);
      const oldId = (await docker.getImage(oldTag).inspect()).Id;
      expect(oldId).toBe(committed.Id.startsWith("sha256:") ? committed.Id : `sha256:${committed.Id}`);
      const manifest = manifestOf(second) as Record<string, unknown>;
      delete manifest.projectId;
      manifest.imageTag = oldTag;
      writeFileSync(join(second, "stagemaker.json"), JSON.stringify(manifest, null, 2));
      writeFileSync(
        join(second, ".stagemaker", "last-build.json"),
        JSON.stringify({ imageId: oldId, tag: oldTag, contextReadAt: Date.now() }),
      );

      const run = await cli(["run", second]);
      expect(run.code, run.stderr).toBe(0);
      const migrated = manifestOf(second);
      tags.push(migrated.imageTag);
      expect(migrated.imageTag).toBe(`stagemaker/${name}-${migrated.projectId}:latest`);
      expect((await docker.getImage(migrated.imageTag).inspect()).Id).toBe(oldId);
      expect(await answerOf(second)).toEqual({ predictions: [{ output_field: "x:5.0" }] });
      await cli(["stop", second]);
    },
    scaled(900_000),
  );
});
