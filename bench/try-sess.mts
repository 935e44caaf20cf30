import { createServices } from "../app/core/services";
const s = createServices({ workspaceDir: "/tmp/schemas-ws", stateDir: "/tmp/schemas-state" });
const sig = new AbortController().signal;
for (let i = 0; i < 4; i++) {
  const t = Date.now();
  const r = await s["schemas.read"]({ project: "/tmp/schemas-ws/p1", refresh: true }, { signal: sig });
  console.log(Date.now() - t, r.readFrom, r.readMs, Object.keys(r.instance.properties as object));
}
await s.close();
