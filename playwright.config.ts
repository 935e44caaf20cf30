import { defineConfig } from "@playwright/test";
import { scaled } from "./scripts/test-env/time-factor";

/** Debian's Chromium, the flags it needs in a container, one worker (tests share one Docker engine). */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // Builds and container starts take tens of seconds on two cores; every limit grows with
  // STAGEMAKER_TEST_TIME_FACTOR on a loaded machine (tests that set their own use `scaled` too).
  timeout: scaled(5 * 60_000),
  expect: { timeout: scaled(30_000) },
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.STAGEMAKER_CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    actionTimeout: scaled(30_000),
    navigationTimeout: scaled(60_000),
    trace: "retain-on-failure",
  },
});
