import { z } from "zod";

export const RunEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("created"), containerId: z.string(), hostPort: z.number().int() }),
  z.object({ type: z.literal("waiting"), elapsedMs: z.number(), limitMs: z.number(), lastPing: z.string() }),
  z.object({ type: z.literal("log"), stream: z.enum(["stdout", "stderr"]), line: z.string() }),
  /** Something the person should know that is not a failure (e.g. the remembered port was taken). */
  z.object({ type: z.literal("notice"), message: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

/**
 * The run states every face shows: starting → healthy | failed, reloading → healthy | failed.
 * A failed container is kept (when it exists) so its log can be read; `reason` is one line (the
 * exception's last line or the exit), `hint` what to do about it.
 */
export const ContainerState = z.discriminatedUnion("state", [
  z.object({ state: z.literal("stopped") }),
  z.object({ state: z.literal("starting"), containerId: z.string(), hostPort: z.number().int() }),
  z.object({ state: z.literal("reloading"), containerId: z.string(), hostPort: z.number().int() }),
  z.object({
    state: z.literal("healthy"),
    containerId: z.string(),
    hostPort: z.number().int(),
    startupMs: z.number().optional(),
    image: z.string(),
    /** The image id the container runs, so a newer build can be offered as a restart. */
    imageId: z.string().optional(),
  }),
  z.object({
    state: z.literal("failed"),
    containerId: z.string().optional(),
    hostPort: z.number().int().optional(),
    exitCode: z.number().int().nullable(),
    reason: z.string(),
    hint: z.string().optional(),
    imageId: z.string().optional(),
    lastLogs: z.array(z.string()),
  }),
]);
export type ContainerState = z.infer<typeof ContainerState>;

export const LogLine = z.object({ stream: z.enum(["stdout", "stderr"]), line: z.string(), at: z.string() });
export type LogLine = z.infer<typeof LogLine>;
