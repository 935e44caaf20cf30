import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { packBuildContext } from "./build-context";

async function names(stream: NodeJS.ReadableStream): Promise<Map<string, string>> {
  const extract = tar.extract();
  const out = new Map<string, string>();
  extract.on("entry", (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on("data", (c: unknown) => void chunks.push(c as Buffer));
    body.on("end", () => {
      if (header.type === "file") out.set(header.name, Buffer.concat(chunks).toString());
      next();
    });
  });
  const done = new Promise<void>((r) => extract.on("finish", () => r()));
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  await done;
  return out;
}

function projectDir() {
  const dir = mkdtempSync(join(tmpdir(), "smk-ctx-"));
  for (const d of ["model", "artifacts/sub", ".stagemaker", "model/__pycache__"]) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, "Dockerfile"), "FROM scratch\n");
  writeFileSync(join(dir, ".dockerignore"), "artifacts/\n.stagemaker/\nstagemaker.json\n**/__pycache__/\nDockerfile\n");
  writeFileSync(join(dir, "model", "predictor.py"), "x = 1\n");
  writeFileSync(join(dir, "model", "__pycache__", "p.pyc"), "junk");
  writeFileSync(join(dir, "artifacts", "sub", "weights.bin"), "w");
  writeFileSync(join(dir, "stagemaker.json"), "{}");
  return dir;
}

describe("packBuildContext", () => {
  it("honours .dockerignore, keeps artifacts out and always sends the Dockerfile", async () => {
    const { stream, stats } = await packBuildContext(projectDir());
    const files = await names(stream);
    expect([...files.keys()].sort()).toEqual([".dockerignore", "Dockerfile", "model/predictor.py"]);
    expect(stats.files).toBe(3);
  });

  it("bakes artifacts in on request and adds extra CA certificates under certs/", async () => {
    const dir = projectDir();
    const ca = join(dir, "..", `ca-${Date.now()}.pem`);
    writeFileSync(ca, "-----BEGIN CERTIFICATE-----\nabc\n");
    const files = await names((await packBuildContext(dir, { bakeArtifacts: true, extraCaCertsPath: ca })).stream);
    expect(files.has("artifacts/sub/weights.bin")).toBe(true);
    expect(files.get("certs/stagemaker-extra-ca.crt")).toContain("BEGIN CERTIFICATE");
    expect(files.has("stagemaker.json")).toBe(false);
    expect(files.get("Dockerfile.stagemaker-bake")).toMatch(/^FROM scratch\n[\s\S]*COPY artifacts\/ \/opt\/ml\/model\/\n$/);
  });
});
