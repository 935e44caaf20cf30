// The native "choose a folder" dialog behind the preload's pickFolder(), for trusted frames only.
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from "electron";
import { ipc } from "../contract/bridge";

export function bindFolderDialog(isTrustedFrame: (frame: WebFrameMain | null) => boolean): () => void {
  ipcMain.handle(ipc.pickFolder, async (event: IpcMainInvokeEvent) => {
    if (!isTrustedFrame(event.senderFrame)) return null;
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options = {
      title: "Open a project folder",
      properties: ["openDirectory", "createDirectory"] as ("openDirectory" | "createDirectory")[],
    };
    const picked = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  return () => ipcMain.removeHandler(ipc.pickFolder);
}
