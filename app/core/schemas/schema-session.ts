// A long-lived `python -m tools.schema --serve` inside the running dev container: each read re-imports model/ without paying Python's and pydantic's start-up again.
import type Docker from "dockerode";
import { type LineSession, openLineSession } from "./line-session";
import { schemaCommand } from "./schema-command";

const sessions = new Map<string, Promise<LineSession>>();

/** A report from the container's session (started on first use), or undefined to fall back (an old image without --serve). */
export async function reportFromSession(docker: Docker, containerId: string): Promise<string | undefined> {
  let session = sessions.get(containerId);
  if (!session) sessions.set(containerId, (session = openLineSession(docker, containerId, schemaCommand("--serve"), "/opt/program")));
  try {
    const s = await session;
    const line = await s.ask("report");
    if (line === undefined || s.ended) sessions.delete(containerId);
    return line;
  } catch {
    sessions.delete(containerId);
    return undefined;
  }
}

/** Ends every session (the app or CLI is closing). */
export async function endSchemaSessions(): Promise<void> {
  const all = [...sessions.values()];
  sessions.clear();
  for (const s of await Promise.allSettled(all)) if (s.status === "fulfilled") s.value.close();
}
