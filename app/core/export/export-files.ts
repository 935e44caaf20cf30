// The files an export writes into the target: the project's (template tooling as a fallback for
// projects made before it existed), the artifacts as decided, and the generated ones.
import { lstat, readdir, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import { parseDocument } from "yaml";
import type { ArtifactsDecision, ExportSettings, Manifest } from "../../contract";
import { listArtifacts } from "../artifacts/list-artifacts";
import { PROJECT_STATE_DIR, TOOL_FOLDERS } from "../projects/project-layout";

/** One file to write: its bytes, or a file to copy (artifacts can be large: never held in memory). */
export type ExportedFile = { path: string; bytes: number } & ({ content: Buffer } | { source: string });

/** Names never exported (caches, machine-specific build extras, Stagemaker's own state). */
const SKIPPED = new Set([...TOOL_FOLDERS, PROJECT_STATE_DIR, "certs", "wheelhouse"]);
/**
 * Stagemaker's tools an exported repo does not use: the editor's diagnostics run in the app's tools
 * container from the app's own copy. The rest of tools/ is exported: the image runs them (schemas,
 * the frameworks' CLI) and the repo's tests test them.
 */
const NOT_EXPORTED = new Set(["tools/diagnostics.py"]);

/** Project entries exported as they are. */
const PROJECT_ENTRIES = [
  "model",
  "server",
  "tools",
  "tests",
  "examples",
  "Dockerfile",
  "dev.Dockerfile",
  "requirements.txt",
  "requirements-dev.txt",
  "system-packages.txt",
  "VERSION",
  ".dockerignore",
  "Makefile",
  "pyproject.toml",
  "verify.sh",
  "stagemaker.json",
  // The versions a notebook trained with, beside the pinned ones (written by the Python package's scaffold()).
  "notebook-environment.json",
];
/** Tooling that comes from the template when the project lacks it (made before it existed). */
const TOOLING = [
  "Makefile",
  "dev.Dockerfile",
  "requirements-dev.txt",
  "pyproject.toml",
  "verify.sh",
  ".github",
  "tests/deploy",
  "tests/integration",
];

/** The list of files Stagemaker wrote, committed so a re-export knows which files are its own. */
export const EXPORT_RECORD = ".stagemaker-export.json";

async function walk(root: string, rel: string, out: Map<string, ExportedFile>): Promise<void> {
  const abs = join(root, rel);
  const info = await lstat(abs).catch(() => null);
  if (!info || info.isSymbolicLink()) return; // symlinks could lead outside the project
  if (info.isDirectory()) {
    for (const name of (await readdir(abs)).sort()) if (!SKIPPED.has(name)) await walk(root, posix.join(rel, name), out);
  } else if (info.isFile() && !rel.endsWith(".pyc") && !NOT_EXPORTED.has(rel)) {
    out.set(rel, { path: rel, bytes: info.size, source: abs });
  }
}

export function decideArtifacts(
  bytes: number,
  files: number,
  settings: Pick<ExportSettings, "artifactsThresholdMb" | "largeArtifacts">,
): ArtifactsDecision {
  const thresholdBytes = Math.round(settings.artifactsThresholdMb * 1e6);
  if (files === 0) return { files, bytes, thresholdBytes, decision: "none", reason: "artifacts/ is empty." };
  if (bytes <= thresholdBytes)
    return { files, bytes, thresholdBytes, decision: "commit", reason: "Under the threshold: committed as plain files." };
  return settings.largeArtifacts === "lfs"
    ? { files, bytes, thresholdBytes, decision: "lfs", reason: "Over the threshold: tracked with Git LFS (.gitattributes)." }
    : {
        files,
        bytes,
        thresholdBytes,
        decision: "package",
        reason: "Over the threshold: left out of git; `make package` builds model.tar.gz from artifacts/.",
      };
}

const text = (path: string, content: string): ExportedFile => {
  const buffer = Buffer.from(content, "utf8");
  return { path, bytes: buffer.length, content: buffer };
};

/** The KServe manifest with this project's name and image. */
async function kserveManifest(dir: string, templateDir: string, manifest: Manifest, repoName: string): Promise<string> {
  const path = "deploy/kserve/inferenceservice.yaml";
  const source = await readFile(join(dir, path), "utf8").catch(() => readFile(join(templateDir, path), "utf8"));
  const doc = parseDocument(source);
  doc.setIn(
    ["metadata", "name"],
    repoName
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 63) || "model",
  );
  doc.setIn(["spec", "predictor", "containers", 0, "image"], `${repoName}:latest`);
  const env = (doc.getIn(["spec", "predictor", "containers", 0, "env"]) as { items: unknown[] } | undefined) ?? null;
  for (const { name, value } of manifest.env) {
    if (env) env.items.push(doc.createNode({ name, value }));
  }
  return doc.toString();
}

export interface CollectInput {
  dir: string;
  templateDir: string;
  manifest: Manifest;
  repoName: string;
  settings: Pick<ExportSettings, "artifactsThresholdMb" | "largeArtifacts" | "deployTool">;
  readme: (artifacts: ArtifactsDecision, artifactFiles: { path: string; bytes: number }[]) => string;
}

export async function collectExportFiles({ dir, templateDir, manifest, repoName, settings, readme }: CollectInput) {
  const files = new Map<string, ExportedFile>();
  for (const entry of PROJECT_ENTRIES) await walk(dir, entry, files);
  for (const entry of TOOLING) {
    const fromTemplate = new Map<string, ExportedFile>();
    await walk(templateDir, entry, fromTemplate);
    for (const [path, file] of fromTemplate) if (!files.has(path)) files.set(path, file);
  }
  await walk(dir, `deploy/${settings.deployTool}`, files);
  const deployFiles = new Map<string, ExportedFile>();
  await walk(templateDir, `deploy/${settings.deployTool}`, deployFiles);
  for (const [path, file] of deployFiles) if (!files.has(path)) files.set(path, file);

  const artifactFiles = (await listArtifacts(dir)).map((a) => ({ path: a.path, bytes: a.size }));
  const artifacts = decideArtifacts(
    artifactFiles.reduce((n, a) => n + a.bytes, 0),
    artifactFiles.length,
    settings,
  );
  if (artifacts.decision === "commit" || artifacts.decision === "lfs")
    for (const a of artifactFiles)
      files.set(`artifacts/${a.path}`, { path: `artifacts/${a.path}`, bytes: a.bytes, source: join(dir, "artifacts", a.path) });
  if (artifacts.decision === "lfs")
    files.set(
      ".gitattributes",
      text(
        ".gitattributes",
        "# Model data through Git LFS (install git-lfs before cloning).\nartifacts/** filter=lfs diff=lfs merge=lfs -text\n",
      ),
    );

  // .gitignore: the project's, without the artifacts/ line when they are committed.
  const gitignore = await readFile(join(dir, ".gitignore"), "utf8").catch(() => readFile(join(templateDir, ".gitignore"), "utf8"));
  const keepArtifacts = artifacts.decision === "commit" || artifacts.decision === "lfs";
  files.set(
    ".gitignore",
    text(
      ".gitignore",
      keepArtifacts
        ? gitignore
            .split("\n")
            .filter((l) => l.trim() !== "artifacts/" && l.trim() !== "/artifacts/")
            .join("\n")
        : gitignore,
    ),
  );

  files.set(
    "deploy/model.env",
    text(
      "deploy/model.env",
      "# The container's environment on SageMaker and KServe (from the project's settings): NAME=VALUE per line.\n" +
        manifest.env.map((e) => `${e.name}=${e.value}\n`).join(""),
    ),
  );
  files.set(
    "deploy/kserve/inferenceservice.yaml",
    text("deploy/kserve/inferenceservice.yaml", await kserveManifest(dir, templateDir, manifest, repoName)),
  );
  const serverGuide = await readFile(join(dir, "README.md")).catch(() => readFile(join(templateDir, "README.md")));
  files.set("docs/server.md", { path: "docs/server.md", bytes: serverGuide.length, content: serverGuide });
  files.set("README.md", text("README.md", readme(artifacts, artifactFiles)));
  const paths = [...files.keys(), EXPORT_RECORD].sort();
  files.set(
    EXPORT_RECORD,
    text(
      EXPORT_RECORD,
      JSON.stringify(
        { note: "Files written by Stagemaker's export; others in this repo are yours and never touched.", files: paths },
        null,
        2,
      ) + "\n",
    ),
  );
  return { files, artifacts, artifactFiles };
}
