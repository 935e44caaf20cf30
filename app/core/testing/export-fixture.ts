// Test fixture: a real project from the server template, its image built on the real engine, and
// git run the way a person would (execFile, with an identity for the test's own commits).
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExportInput, ExportInput as ExportInputSchema, type ExportResult, type Project } from "../../contract";
import { createServices, type ServicesOptions } from "../services";
import { testServicesOptions } from "./test-services-options";
import { cleanUpProject, uniqueName } from "./throwaway-template";

export const signal = new AbortController().signal;

/** git as the person at the keyboard; -c identity so the test's own commits work anywhere. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test Person", "-c", "user.email=test@example.com", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

/** `options` builds the services' options for the given folders (default: the test process's environment). */
export async function exportFixture(
  prefix: string,
  options: (folders: { workspaceDir: string; stateDir: string }) => ServicesOptions = testServicesOptions,
) {
  // pip inside the build goes through this machine's TLS-inspecting proxy: trust its CA bundle.
  process.env.STAGEMAKER_EXTRA_CA_CERTS ??= "/etc/ssl/certs/ca-certificates.crt";
  const root = mkdtempSync(join(tmpdir(), `smk-export-${prefix}-`));
  const services = createServices(options({ workspaceDir: join(root, "ws"), stateDir: join(root, "state") }));
  const project: Project = await services["projects.create"]({ name: uniqueName(prefix) }, { signal });
  await services["build.run"]({ project: project.dir }, () => undefined, { signal });
  const exportTo = async (settings: Omit<Partial<ExportInput>, "project">, events: unknown[] = []): Promise<ExportResult> =>
    services["export.run"](ExportInputSchema.parse({ project: project.dir, ...settings }), (e) => events.push(e), { signal });
  const plan = (settings: Omit<Partial<ExportInput>, "project">) =>
    services["export.plan"](ExportInputSchema.parse({ project: project.dir, ...settings }), { signal });
  const close = async () => {
    await cleanUpProject(project.dir, project.manifest.imageTag);
    await services.close();
  };
  return { root, services, project, exportTo, plan, close };
}
