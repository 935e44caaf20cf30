import { app, BrowserWindow, session } from "electron";
import { join } from "node:path";
import { createServices } from "../core/services";
import { bindServices } from "../faces-common/binding";
import { servicesOptions } from "../faces-common/services-options";
import { registerAppScheme, serveRenderer } from "./app-protocol";
import { bindFolderDialog } from "./folder-dialog";
import { bindIpc } from "./ipc-binding";
import { createMainWindow, lockDownContents, trustedFrameCheck } from "./window";

// Composition root of the Electron face. Bundled to dist-electron/main.cjs, so __dirname is that folder.
const rendererDir = process.env.STAGEMAKER_RENDERER_DIR ?? join(__dirname, "..", "dist-renderer");
const preloadPath = join(__dirname, "preload.cjs");
// Packaged: electron-builder's extraResources puts the template beside app.asar (see electron-builder.yml).
const shippedTemplateDir = app.isPackaged ? join(process.resourcesPath, "server-template") : join(__dirname, "..", "server-template");

registerAppScheme();
app.enableSandbox();
app.on("web-contents-created", (_event, contents) => lockDownContents(contents));

// A second start focuses the first window instead of running a second core on the same projects.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();

let mainWindow: BrowserWindow | undefined;
let services: ReturnType<typeof createServices> | undefined;

app.on("second-instance", () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app
  .whenReady()
  .then(() => {
    if (!primary) return;
    // The renderer asks for nothing: camera, notifications, clipboard reads… all denied.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);

    services = createServices(servicesOptions({}, process.env, { templateDir: shippedTemplateDir }));
    serveRenderer(rendererDir);
    bindIpc(
      bindServices(services),
      trustedFrameCheck(() => mainWindow),
    );
    bindFolderDialog(trustedFrameCheck(() => mainWindow));
    openWindow();
    app.on("activate", () => mainWindow ?? openWindow());
  })
  .catch((err: unknown) => {
    // Without this a failed start leaves a running app with no window and the cause unprinted.
    console.error("Stagemaker could not start:", err);
    app.exit(1);
  });

function openWindow(): void {
  const window = createMainWindow(preloadPath);
  window.on("closed", () => (mainWindow = undefined));
  mainWindow = window;
}

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

let closing = false;
app.on("will-quit", (event) => {
  if (closing || !services) return;
  closing = true;
  event.preventDefault();
  // Quit even when closing fails (a flush that cannot write); the rejection must not go unhandled.
  void services
    .close()
    .catch((err: unknown) => console.error("closing:", err))
    .finally(() => app.quit());
});
