// The heavy deep-learning tests (PyTorch, TensorFlow images of 1–2 GB): `npm run test:deeplearning`
// (and the zoo's run), not `npm test`. Same limits and time factor as the main suite.
import { defineConfig } from "vitest/config";
import { scaled } from "../../scripts/test-env/time-factor";

export default defineConfig({
  test: {
    include: ["zoo/deeplearning/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: scaled(1_800_000),
    hookTimeout: scaled(1_800_000),
  },
});
