// Runs before `npm start`: on a fresh clone, install the npm dependencies first so the two
// README commands are all a new machine needs. Plain Node on purpose: nothing is installed yet.
import { existsSync, lstatSync, statSync } from "node:fs";
import { execSync } from "node:child_process";

const lock = "package-lock.json";
const installed = "node_modules/.package-lock.json";
// A node_modules that is a symlink is another checkout's install (a git worktree sharing it):
// `npm ci` would empty the folder it points to, under every checkout using it. Leave it alone.
const shared = existsSync("node_modules") && lstatSync("node_modules").isSymbolicLink();
const fresh = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
if (shared && !fresh) {
  console.error(
    "stagemaker: node_modules is a link to another checkout's install; not reinstalling it (run `npm ci` there if it is out of date).",
  );
} else if (!fresh) {
  console.error("stagemaker: installing npm dependencies (npm ci), once…");
  execSync("npm ci --no-audit --no-fund", { stdio: "inherit" });
}
