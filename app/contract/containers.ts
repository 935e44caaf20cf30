import { z } from "zod";

export const RunEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("created"), containerId: z.string(), hostPort: z.number().int() }),
  z.object({ type: z.literal("waiting"), elapsedMs: z.number(), limitMs: z.number(), lastPing: z.string() }),
  z.object({ type: z.literal("log"), stream: z.enum(["stdout", "stderr"]), line: z.string() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

export const ContainerState = z.discriminatedUnion("state", [
  z.object({ state: z.literal("stopped") }),
  z.object({ state: z.literal("starting"), containerId: z.string(), hostPort: z.number().int() }),
  z.object({ state: z.literal("healthy"), containerId: z.string(), hostPort: z.number().int(), startupMs: z.number().optional(), image: z.string() }),
  z.object({ state: z.literal("failed"), containerId: z.string().optional(), exitCode: z.number().int().nullable(), reason: z.string(), lastLogs: z.array(z.string()) }),
]);
export type ContainerState = z.infer<typeof ContainerState>;

export const LogLine = z.object({ stream: z.enum(["stdout", "stderr"]), line: z.string(), at: z.string() });
export type LogLine = z.infer<typeof LogLine>;
