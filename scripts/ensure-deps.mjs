// Runs before `npm start`: on a fresh clone, install the npm dependencies first so the two
// README commands are all a new machine needs. Plain Node on purpose: nothing is installed yet.
import { existsSync, statSync } from "node:fs";
import { execSync } from "node:child_process";

const lock = "package-lock.json";
const installed = "node_modules/.package-lock.json";
const fresh = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
if (!fresh) {
  console.error("stagemaker: installing npm dependencies (npm ci), once…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
