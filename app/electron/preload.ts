import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from "electron";
import { bridgeCalls, bridgeStreams, ipc, type CallName, type Result, type StagemakerBridge, type StreamName } from "../contract";

/**
 * Sandboxed preload: builds the named API from fixed channel lists, so the page can call exactly
 * the contract's channels and nothing else of ipcRenderer. Stream events are routed by id to the
 * subscriber; cancelling or settling removes the subscription.
 */
const subscribers = new Map<string, (event: unknown) => void>();

ipcRenderer.on(ipc.event, (_e: IpcRendererEvent, id: unknown, event: unknown) => {
  if (typeof id === "string") subscribers.get(id)?.(event);
});

function callMethod(name: CallName) {
  return (input: unknown) => ipcRenderer.invoke(ipc.call(name), input) as Promise<Result<unknown>>;
}

function streamMethod(name: StreamName) {
  return (input: unknown, onEvent: (event: unknown) => void) => {
    const id = crypto.randomUUID();
    subscribers.set(id, (event) => onEvent(event));
    const result = (ipcRenderer.invoke(ipc.stream(name), id, input) as Promise<Result<unknown>>).finally(() => subscribers.delete(id));
    return {
      result,
      cancel: () => {
        if (!subscribers.delete(id)) return;
        ipcRenderer.send(ipc.cancel, id);
      },
    };
  };
}

const api: Record<string, Record<string, unknown>> = {};
for (const name of bridgeCalls) {
  const [domain, method] = name.split(".") as [string, string];
  (api[domain] ??= {})[method] = callMethod(name);
}
for (const name of bridgeStreams) {
  const [domain, method] = name.split(".") as [string, string];
  (api[domain] ??= {})[method] = streamMethod(name);
}

const bridge = {
  ...api,
  face: "electron",
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  pickFolder: () => ipcRenderer.invoke(ipc.pickFolder) as Promise<string | null>,
} as unknown as StagemakerBridge;

contextBridge.exposeInMainWorld("stagemaker", bridge);
