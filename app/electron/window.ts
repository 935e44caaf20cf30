import { BrowserWindow, shell, type WebContents, type WebFrameMain } from "electron";
import { appOrigin } from "./app-protocol";

/** External pages the app may open in the person's browser (documentation links); everything else is refused. */
const externalAllowlist = ["https://docs.aws.amazon.com/sagemaker/", "https://docs.docker.com/", "https://github.com/stagemaker/"];

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && externalAllowlist.some((prefix) => parsed.href.startsWith(prefix));
  } catch {
    return false;
  }
}

const isAppUrl = (url: string) => url === appOrigin || url.startsWith(`${appOrigin}/`);

/**
 * Deny-by-default rules for any web contents the app ever creates: no navigation away from the
 * app's origin, no new windows (allowlisted links go to the system browser), no <webview>.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on("will-navigate", (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on("will-redirect", (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: "deny" };
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 600,
    title: "Stagemaker",
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once("ready-to-show", () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/** IPC is answered only for the top frame of our window showing the app's own origin. */
export function trustedFrameCheck(getWindow: () => BrowserWindow | undefined) {
  return (frame: WebFrameMain | null): boolean => {
    const window = getWindow();
    if (!frame || !window || window.isDestroyed()) return false;
    return frame === window.webContents.mainFrame && frame.parent === null && isAppUrl(frame.url);
  };
}
