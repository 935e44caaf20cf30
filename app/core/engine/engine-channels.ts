// The engine.* channels.
import type { DomainServices } from "../../contract";
import type { EngineAccess } from "./engine-access";
import { engineStatus } from "./engine-status";

export function engineChannels({ engine }: { engine: EngineAccess }): DomainServices<"engine"> {
  return {
    "engine.status": () => engineStatus(engine.docker, engine.location, { timeoutMs: 3000, invalid: engine.invalid }),
  };
}
