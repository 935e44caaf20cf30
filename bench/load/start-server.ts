// A container of the project's image started by the bench itself (not through the app), so the timing
// comparison can start several alike with one setting changed.
import Docker from "dockerode";
import type { Target } from "./generators";

/** A container of `image` answering /ping on a loopback port; its id is pushed to `started` for clean-up. */
export async function startServer(
  image: string,
  env: string[],
  artifacts: string,
  cpuset: string | undefined,
  label: string,
  started: string[],
): Promise<Target> {
  const container = await new Docker().createContainer({
    Image: image,
    Cmd: ["serve"],
    Env: env,
    Labels: { "com.stagemaker.bench": label },
    HostConfig: {
      Binds: [`${artifacts}:/opt/ml/model:ro`],
      PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
      ...(cpuset ? { CpusetCpus: cpuset } : {}),
    },
  });
  started.push(container.id);
  await container.start();
  const port = Number((await container.inspect()).NetworkSettings.Ports["8080/tcp"]![0]!.HostPort);
  for (let i = 0; i < 600; i++) {
    // Docker's proxy may hold a connection it cannot forward yet: a ref'd timer ends each try (and keeps Node alive).
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 2000);
    const ok = await fetch(`http://127.0.0.1:${port}/ping`, { signal: abort.signal }).then(
      (r) => r.ok,
      () => false,
    );
    clearTimeout(timer);
    if (ok) return { port, containerId: container.id };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the container (${label}) did not answer /ping within 2 minutes`);
}
