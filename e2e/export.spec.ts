import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";

// Builds pip-install from PyPI; behind this machine's TLS-inspecting proxy the image must trust its CA.
const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;

const name = `e2e-export-${Date.now().toString(36)}`;
let projectDir = "";

test.afterAll(() => removeProjectFromEngine(projectDir));

test("the Export panel previews, exports, pushes and shows the commit", async ({ page, host }) => {
  test.setTimeout(10 * 60_000);
  const root = mkdtempSync(join(tmpdir(), "smk-e2e-export-"));
  const target = join(root, "repo");
  const bare = join(root, "remote.git");
  execFileSync("git", ["init", "-q", "--bare", "--initial-branch=main", bare]);

  await page.goto(host.url);
  await page.getByLabel("Project name").fill(name);
  await page.getByRole("button", { name: "Create project" }).click();
  projectDir = join(host.workspaceDir, name);
  await page.getByRole("tab", { name: "Export" }).click();

  await page.getByTestId("export-target").fill(target);
  await page.getByTestId("export-remote").fill(bare);
  await page.getByTestId("export-push").check();
  await page.getByRole("button", { name: "Preview" }).click();
  const plan = page.getByTestId("export-plan");
  await expect(plan).toContainText("will be created");
  await expect(plan).toContainText("model/predictor.py");
  await expect(plan).toContainText("deploy/kserve/inferenceservice.yaml");
  await expect(page.getByTestId("export-artifacts")).toContainText("artifacts/ is empty");
  await page.screenshot({ path: join(root, "export-preview.png"), fullPage: true });

  await page.getByTestId("export-message").fill("First export from the panel");
  await page.getByRole("button", { name: "Export" }).click();
  const commit = page.getByTestId("export-commit");
  await expect(commit).toHaveText(/^[0-9a-f]{12}$/, { timeout: 8 * 60_000 });
  await expect(page.getByTestId("export-pushed")).toContainText(`Pushed to ${bare}`);
  await expect(page.getByTestId("export-progress")).toContainText("Committing");
  await page.screenshot({ path: join(root, "export-panel.png"), fullPage: true });
  console.log(`screenshot: ${join(root, "export-panel.png")}`);

  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: target, encoding: "utf8" }).trim();
  expect(head.startsWith((await commit.textContent())!)).toBe(true);
  expect(execFileSync("git", ["rev-parse", "main"], { cwd: bare, encoding: "utf8" }).trim()).toBe(head);
  expect(execFileSync("git", ["log", "-1", "--format=%s"], { cwd: target, encoding: "utf8" }).trim()).toBe("First export from the panel");

  // A change left in the target: the next export is refused and says why; the change stays.
  execFileSync("sh", ["-c", `echo mine >> ${JSON.stringify(join(target, "README.md"))}`]);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("export-refusal")).toContainText("uncommitted or untracked changes");
  await expect(page.getByRole("button", { name: "Export" })).toBeDisabled();
  expect(readFileSync(join(target, "README.md"), "utf8")).toMatch(/mine\n$/);
});
