import type { Project } from "../../app/contract";

/** A project as the template makes it: no variables, dev mode on, nothing picked yet. */
export const templateProject: Project = {
  dir: "/p",
  manifest: {
    name: "p",
    templateVersion: "0.1.0",
    baseImage: "debian:bookworm-slim",
    imageTag: "stagemaker/p:latest",
    env: [],
    run: { healthTimeoutSeconds: 240, hostPort: 0, devMode: true },
    bakeArtifacts: false,
  },
};
