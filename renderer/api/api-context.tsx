import { createContext, useContext, type ReactNode } from "react";
import type { StagemakerApi } from "./client";

const ApiContext = createContext<StagemakerApi | null>(null);

/** Features take the API from context so tests can hand them a fake and faces stay swappable. */
export function ApiProvider({ api, children }: { api: StagemakerApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StagemakerApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside <ApiProvider>");
  return api;
}
