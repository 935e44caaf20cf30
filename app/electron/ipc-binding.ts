import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents, type WebFrameMain } from "electron";
import { bridgeCalls, bridgeStreams, ipc, type Result } from "../contract";
import type { Binding } from "../faces-common/binding";

const refused: Result<never> = { ok: false, error: { code: "invalid-input", message: "Refused: message from an untrusted frame." } };

/**
 * Serves the preload's named API. Every message's sending frame is checked (top frame of our window,
 * loaded from the app's own origin) before its payload reaches the binding, which parses it with the
 * contract. Streams are keyed by the preload's id and aborted on cancel or when the page goes away.
 */
export function bindIpc(binding: Binding, isTrustedFrame: (frame: WebFrameMain | null) => boolean): () => void {
  const running = new Map<string, { controller: AbortController; sender: WebContents }>();

  for (const name of bridgeCalls) {
    ipcMain.handle(ipc.call(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return refused;
      const controller = new AbortController();
      const abort = () => controller.abort();
      event.sender.once("destroyed", abort);
      try {
        return await binding.call(name, input, controller.signal);
      } finally {
        if (!event.sender.isDestroyed()) event.sender.off("destroyed", abort);
      }
    });
  }

  for (const name of bridgeStreams) {
    ipcMain.handle(ipc.stream(name), async (event: IpcMainInvokeEvent, id: unknown, input: unknown) => {
      if (!isTrustedFrame(event.senderFrame)) return refused;
      if (typeof id !== "string" || id.length > 64 || running.has(id)) {
        return { ok: false, error: { code: "invalid-input", message: "A stream needs a fresh id." } } satisfies Result<never>;
      }
      const controller = new AbortController();
      const sender = event.sender;
      running.set(id, { controller, sender });
      const abort = () => controller.abort();
      sender.once("destroyed", abort);
      sender.once("did-start-navigation", abort);
      try {
        return await binding.stream(name, input, (e) => !sender.isDestroyed() && sender.send(ipc.event, id, e), controller.signal);
      } finally {
        running.delete(id);
        if (!sender.isDestroyed()) {
          sender.off("destroyed", abort);
          sender.off("did-start-navigation", abort);
        }
      }
    });
  }

  const onCancel = (event: IpcMainEvent, id: unknown) => {
    if (!isTrustedFrame(event.senderFrame) || typeof id !== "string") return;
    const stream = running.get(id);
    // Only the page that started a stream may stop it.
    if (stream && stream.sender === event.sender) stream.controller.abort();
  };
  ipcMain.on(ipc.cancel, onCancel);

  return () => {
    for (const name of bridgeCalls) ipcMain.removeHandler(ipc.call(name));
    for (const name of bridgeStreams) ipcMain.removeHandler(ipc.stream(name));
    ipcMain.off(ipc.cancel, onCancel);
    for (const { controller } of running.values()) controller.abort();
  };
}
