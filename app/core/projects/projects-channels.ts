// The projects.* channels: create (under the workspace when only a name is given), open, recent, manifest.
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { DomainServices } from "../../contract";
import { openProjectDir } from "../project-dir";
import { createProject, defaultProjectDir } from "./create-project";
import { writeManifest } from "./manifest";
import type { RecentProjects } from "./recent-projects";

export interface ProjectsDeps {
  workspaceDir: string;
  templateDir: string;
  recent: RecentProjects;
}

export function projectsChannels({ workspaceDir, templateDir, recent }: ProjectsDeps): DomainServices<"projects"> {
  return {
    "projects.create": async ({ dir, name }) => {
      await mkdir(workspaceDir, { recursive: true });
      const target = dir ? resolve(workspaceDir, dir) : await defaultProjectDir(workspaceDir, name);
      const project = await createProject({ name, dir: target, templateDir });
      await recent.touch(project.dir, name);
      return project;
    },
    "projects.open": async ({ project }) => {
      const p = await openProjectDir(project);
      await recent.touch(p.dir, p.manifest.name);
      return p;
    },
    "projects.recent": () => recent.list(),
    "projects.saveManifest": async ({ project, manifest }) => {
      const { dir } = await openProjectDir(project);
      await writeManifest(dir, manifest);
      return { dir, manifest };
    },
  };
}
