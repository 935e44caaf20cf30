import { test as base, expect } from "@playwright/test";
import { spawnHost, type SpawnedHost } from "../scripts/spawn-host";

export type RunningHost = SpawnedHost;

/**
 * Starts the real browser host (real core, real engine) as its own process on a free port with a
 * fresh temp workspace and state dir. `dockerHost` points the core at another engine socket, e.g.
 * one where nothing answers, to see the "engine stopped" state.
 */
export function startHost(opts: { dockerHost?: string } = {}): Promise<RunningHost> {
  return spawnHost(opts);
}

type HostInfo = Omit<RunningHost, "stop">;
type Slot = { current?: { file: string; host: RunningHost } };

/** One host per test file: started by the file's first test, stopped when the next file starts or the worker ends. */
export const test = base.extend<{ host: HostInfo }, { hostPerFile: Slot }>({
  hostPerFile: [
    async ({}, use) => {
      const slot: Slot = {};
      await use(slot);
      await slot.current?.host.stop();
    },
    { scope: "worker" },
  ],
  host: async ({ hostPerFile }, use, testInfo) => {
    let current = hostPerFile.current;
    if (current?.file !== testInfo.file) {
      await current?.host.stop();
      current = hostPerFile.current = { file: testInfo.file, host: await startHost() };
    }
    const { url, origin, token, workspaceDir } = current.host;
    await use({ url, origin, token, workspaceDir });
  },
});

export { expect };
