// The artifacts.* channels: list, remove, import host paths (Electron, CLI) and the browser's upload.
import type { DomainServices } from "../../contract";
import { openProjectDir } from "../project-dir";
import type { WorkInFlight } from "../work-in-flight";
import { importArtifactPaths, importArtifactStream } from "./import-artifacts";
import { listArtifacts, removeArtifact } from "./list-artifacts";

export function artifactsChannels({ work }: { work: WorkInFlight }): DomainServices<"artifacts"> {
  return {
    "artifacts.list": async ({ project }) => listArtifacts((await openProjectDir(project)).dir),
    "artifacts.importPaths": async ({ project, paths }, emit, ctx) =>
      work.track(ctx.signal, async (signal) =>
        importArtifactPaths((await openProjectDir(project)).dir, paths, { signal, onProgress: emit }),
      ),
    "artifacts.remove": async ({ project, path }) => removeArtifact((await openProjectDir(project)).dir, path),
    "artifacts.upload": async ({ project, path }, body, ctx) =>
      work.track(ctx.signal, async (signal) =>
        importArtifactStream((await openProjectDir(project)).dir, path, body.bytes, { signal, bytesTotal: body.bytesTotal }),
      ),
  };
}
