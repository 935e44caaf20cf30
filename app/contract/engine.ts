import { z } from "zod";

/** Where the engine was found, in the order the docker CLI looks. */
export const EngineSource = z.enum(["DOCKER_HOST", "docker-context", "platform-default"]);

export const EngineStatus = z.discriminatedUnion("state", [
  z.object({
    state: z.literal("reachable"),
    host: z.string(),
    source: EngineSource,
    version: z.string(),
    apiVersion: z.string(),
    os: z.string(),
    arch: z.string(),
  }),
  z.object({
    state: z.literal("unreachable"),
    host: z.string(),
    source: EngineSource,
    reason: z.string(),
    /** What the person can do about it, in one sentence. */
    hint: z.string(),
  }),
]);
export type EngineStatus = z.infer<typeof EngineStatus>;
