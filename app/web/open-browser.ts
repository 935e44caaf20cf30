import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/**
 * Opens the URL in the person's browser when there is a desktop to show it on; returns false
 * (the caller has printed the URL) on a headless box or when no opener exists.
 */
export function openBrowser(url: string): boolean {
  if (process.env.STAGEMAKER_NO_BROWSER === "1") return false;
  let command: string;
  let args: string[];
  if (process.platform === "darwin") [command, args] = ["open", [url]];
  else if (process.platform === "win32") [command, args] = ["cmd", ["/c", "start", "", url]];
  else {
    if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
    if (!onPath("xdg-open")) return false;
    [command, args] = ["xdg-open", [url]];
  }
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
