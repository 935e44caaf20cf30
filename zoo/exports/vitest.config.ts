// The exported repository of a project made from each framework's model, tested in a fresh clone
// (`npm run test:exports [-- -t catboost]`): heavy (one image, dev image and full template suite per
// framework), so not in `npm test`, which keeps one representative (app/core/export/export-clone.test.ts).
import { defineConfig } from "vitest/config";
import { scaled } from "../../scripts/test-env/time-factor";

export default defineConfig({
  test: {
    include: ["zoo/exports/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: scaled(2_400_000),
    hookTimeout: scaled(1_800_000),
  },
});
