// The invoke.* channels: send a request to the running model server, and the project's history.
import type { DomainServices } from "../../contract";
import type { ProjectPorts } from "../run/project-ports";
import { openProjectDir } from "../project-dir";
import type { ServingGuard } from "../serving-guard";
import { InvocationHistory } from "./invocation-history";
import { sendToProject } from "./send-to-project";

/** One history per project, kept open so writes coalesce; flushed when the core closes. */
export class InvocationHistories {
  private readonly open = new Map<string, InvocationHistory>();

  of(projectDir: string): InvocationHistory {
    let h = this.open.get(projectDir);
    if (!h) this.open.set(projectDir, (h = new InvocationHistory(projectDir)));
    return h;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.open.values()].map((h) => h.flush()));
  }
}

/** What sends to a project's running server needs (invoke, examples): its port, the history, and the refusal guard. */
export interface SendingDeps {
  ports: ProjectPorts;
  histories: InvocationHistories;
  guard: ServingGuard;
}

export function invokeChannels({ ports, histories, guard }: SendingDeps): DomainServices<"invoke"> {
  return {
    "invoke.send": async ({ project, ...request }, ctx) => {
      const { dir, manifest } = await openProjectDir(project);
      await guard(dir, manifest, "invoke");
      const result = await sendToProject(ports, dir, request, ctx.signal);
      await histories.of(dir).add({ request, result });
      return result;
    },
    "invoke.history": async ({ project }) => histories.of((await openProjectDir(project)).dir).list(),
  };
}
