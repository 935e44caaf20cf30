import { defineConfig } from "vitest/config";
import { scaled } from "./scripts/test-env/time-factor";

export default defineConfig({
  test: {
    include: ["app/**/*.test.ts", "renderer/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "zoo/**/*.test.ts"],
    // The heavy suites have their own configs and scripts: npm run test:exports, test:deeplearning.
    exclude: ["e2e/**", "node_modules/**", "zoo/exports/**", "zoo/deeplearning/**"],
    // Docker integration tests share one engine and one project build: files run one after another.
    fileParallelism: false,
    // Limits grow with STAGEMAKER_TEST_TIME_FACTOR on a loaded or slow machine (CI raises it).
    testTimeout: scaled(30_000),
    hookTimeout: scaled(600_000),
  },
});
