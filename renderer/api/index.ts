import type { StagemakerBridge } from "../../app/contract";
import type { StagemakerApi } from "./client";
import { createElectronApi } from "./electron-transport";
import { createHttpApi } from "./http-transport";

declare global {
  interface Window {
    /** Present only in the Electron face (the preload's named API). */
    stagemaker?: StagemakerBridge;
  }
}

const tokenKey = "stagemaker.token";

/**
 * The browser host's token arrives once in the URL (?token=…). It is kept for this tab only and
 * removed from the address bar so it does not end up in history, bookmarks or screenshots.
 */
export function takeToken(location: Location, storage: Storage, history: History): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    storage.setItem(tokenKey, fromUrl);
    url.searchParams.delete("token");
    history.replaceState(history.state, "", `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(tokenKey) ?? "";
}

let api: StagemakerApi | undefined;

/** The bridge when running in Electron, HTTP to the 127.0.0.1 host otherwise. */
export function getApi(): StagemakerApi {
  if (api) return api;
  api = window.stagemaker
    ? createElectronApi(window.stagemaker)
    : createHttpApi({ token: takeToken(window.location, window.sessionStorage, window.history) });
  return api;
}

export { ApiError } from "./client";
export type { StagemakerApi, StreamHandle, UploadProgress } from "./client";
