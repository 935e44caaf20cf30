// The Load tab: a sweep against the running container draws its chart and table; after a change that
// slows the model and a rebuild, the next sweep is compared with the previous build's run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { removeProjectFromEngine } from "./engine-cleanup";
import { expect, test } from "./fixtures";
import { buildAndRun, createTemplateProject } from "./template-project";

const hostCa = "/etc/ssl/certs/ca-certificates.crt";
if (!process.env.STAGEMAKER_EXTRA_CA_CERTS && existsSync(hostCa)) process.env.STAGEMAKER_EXTRA_CA_CERTS = hostCa;
const factor = Number(process.env.STAGEMAKER_TEST_TIME_FACTOR ?? 1) || 1;

const name = `e2e-load-${Date.now().toString(36)}`;
let projectDir = "";

test.afterAll(() => removeProjectFromEngine(projectDir));

/** Pixels the chart drew on its canvas (a blank canvas has none). */
const drawnPixels = (page: Page) =>
  page
    .getByTestId("load-chart")
    .locator("canvas")
    .evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });

async function sweep(page: Page) {
  await page.getByRole("tab", { name: "Load" }).click();
  await page.getByLabel("Connections", { exact: true }).fill("1,2");
  await page.getByLabel("Seconds per step", { exact: true }).fill("2");
  await page.getByRole("button", { name: "Run load test" }).click();
  // Cancel is offered while it runs; the live status names the step.
  await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Run load test" })).toBeVisible({ timeout: 120_000 * factor });
  await expect(page.locator(".load-panel").getByRole("alert")).toHaveCount(0);
  await expect(page.getByTestId("load-table").locator("tbody tr")).toHaveCount(2);
}

test("a sweep from the Load tab draws its chart, and after a slower rebuild compares with the previous build's run", async ({
  page,
  host,
}) => {
  test.setTimeout(20 * 60_000 * factor);
  projectDir = await createTemplateProject(page, host, name);
  await buildAndRun(page);

  await sweep(page);
  const chart = page.getByTestId("load-chart");
  await expect(chart).toHaveAttribute("data-points", "2");
  expect(await drawnPixels(page)).toBeGreaterThan(1000);
  await expect(page.getByTestId("load-histogram").locator("canvas")).toBeVisible();
  await expect(page.getByTestId("load-breakdown")).toContainText("queue wait");
  await expect(page.getByTestId("load-sizing")).toContainText("Estimate from this machine");
  await expect(page.getByTestId("load-comparison")).toHaveCount(0); // nothing to compare with yet
  const firstRps = Number(await page.getByTestId("load-table").locator("tbody tr").first().locator("td").nth(1).textContent());
  expect(firstRps).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/load-first.png", fullPage: true });

  // A model that takes 50 ms more per call, rebuilt into a new image, restarted with it.
  const predictor = join(projectDir, "model/predictor.py");
  writeFileSync(
    predictor,
    readFileSync(predictor, "utf8").replace(
      "        return [\n",
      '        __import__("time").sleep(0.05)  # slower on purpose (e2e)\n        return [\n',
    ),
  );
  await page.getByRole("tab", { name: "Build" }).click();
  await page.getByRole("button", { name: "Build", exact: true }).click();
  await expect(page.getByTestId("build-result")).toContainText(/image size \d/, { timeout: 6 * 60_000 * factor });
  await page.getByRole("tab", { name: "Run" }).click();
  await page.getByRole("button", { name: "Restart with the new image" }).click();
  await expect(page.getByTestId("new-image-offer")).toHaveCount(0, { timeout: 3 * 60_000 * factor });
  await expect(page.getByTestId("run-state")).toContainText("healthy", { timeout: 3 * 60_000 * factor });

  await sweep(page);
  const comparison = page.getByTestId("load-comparison");
  await expect(comparison).toContainText("the previous build's run");
  await expect(comparison).toContainText(/best throughput [\d.]+% lower/);
  await expect(comparison).toHaveClass(/load-worse/);
  await expect(page.getByTestId("load-history").locator("tbody tr")).toHaveCount(2);
  await page.screenshot({ path: "test-results/load-compared.png", fullPage: true });
});
