// One engine for the whole core: its location, a dockerode client and the unreachable-error wrapper.
import type Docker from "dockerode";
import { createDocker } from "./engine-client";
import { withEngine } from "./engine-errors";
import { type EngineLocation, type EngineOptions, locateEngine } from "./locate-engine";

export interface EngineAccess {
  docker: Docker;
  location: EngineLocation;
  /** Why the address could not be used at all (malformed DOCKER_HOST, unreadable TLS files). */
  invalid?: string;
  /** Runs engine work; "no engine answers" becomes the contract's engine-unreachable error. */
  use<T>(work: () => Promise<T>): Promise<T>;
}

export function openEngine(options: EngineOptions = {}): EngineAccess {
  const location = locateEngine(options);
  // Only the variable itself goes to docker-modem's parser; an explicit host (tests) is parsed here.
  const fromVariable = !options.host && location.source === "DOCKER_HOST";
  const { docker, invalid } = createDocker(location, { fromVariable, env: options.env });
  return { docker, location, invalid, use: (work) => withEngine(location, work) };
}
