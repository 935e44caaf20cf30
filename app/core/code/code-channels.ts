// The code.* channels: list, read and write inside a project folder.
import type { DomainServices } from "../../contract";
import { openProjectDir } from "../project-dir";
import { listFiles, readProjectFile, writeProjectFile } from "./project-files";

export function codeChannels(): DomainServices<"code"> {
  return {
    "code.list": async ({ project }) => listFiles((await openProjectDir(project)).dir),
    "code.read": async ({ project, path }) => readProjectFile((await openProjectDir(project)).dir, path),
    "code.write": async ({ project, path, content }) => writeProjectFile((await openProjectDir(project)).dir, path, content),
  };
}
