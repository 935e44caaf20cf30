// Opens the browser face's URL in the person's browser, when there is a desktop to show it on.
import open from "open";

/**
 * `open` picks the platform's opener (xdg-open, open, start). Returns false — the caller has
 * printed the URL — on a headless Linux box, where no browser could appear, or when asked not to.
 */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.STAGEMAKER_NO_BROWSER === "1") return false;
  if (process.platform === "linux" && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  open(url).then(
    (child) => child.on("error", () => undefined),
    () => undefined,
  );
  return true;
}
