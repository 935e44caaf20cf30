// The three questions the model plan asks Python (server-template/server/frameworks): which packages load
// this file, what the model is, and which project files serve it.
import type Docker from "dockerode";
import { join } from "node:path";
import { type Detection, GeneratedProject, Introspection, Pins } from "../../../contract";
import { runFrameworks } from "./run-frameworks";

/** The tools image with the app's own server/ and tools/ (the CLI) mounted: pins and generate need no framework. */
export interface ToolsPython {
  image: string;
  templateDir: string;
}

const server = (t: ToolsPython) => [
  { host: join(t.templateDir, "server"), container: "/opt/program/server" },
  { host: join(t.templateDir, "tools"), container: "/opt/program/tools" },
];

export interface Asked {
  /** The project's requirements.txt, when the person wrote it (a framework pin in it is honoured). */
  requirementsTxt?: string;
  /** The model card's "framework version". */
  frameworkVersion?: string;
}

export async function pinsOf(docker: Docker, tools: ToolsPython, detection: Detection, asked: Asked, signal?: AbortSignal): Promise<Pins> {
  const answer = await runFrameworks(docker, {
    image: tools.image,
    args: ["pins"],
    input: { detection, requested: null, frameworkVersion: asked.frameworkVersion ?? null, requirementsTxt: asked.requirementsTxt ?? null },
    mounts: server(tools),
    failure: `Choosing the packages for ${detection.file} failed`,
    advice: "This is a bug in Stagemaker's framework table; write requirements.txt yourself meanwhile.",
    signal,
  });
  return Pins.parse(answer);
}

export async function introspect(
  docker: Docker,
  image: string,
  artifactsDir: string,
  detection: Detection,
  pins: Pins,
  signal?: AbortSignal,
): Promise<Introspection> {
  const answer = await runFrameworks(docker, {
    image,
    args: ["introspect", `/opt/ml/model/${detection.file}`, "--kind", detection.kind],
    mounts: [{ host: artifactsDir, container: "/opt/ml/model" }],
    failure: `${detection.file} did not load with ${pins.requirements.join(", ")}`,
    advice:
      `If another version of ${pins.package} saved the model, pin it in requirements.txt (a line ${pins.package}==VERSION, with the version that saved it instead of ${pins.version}) ` +
      "or choose it in the card's framework version field, then Generate again: both are honoured.",
    signal,
  });
  return Introspection.parse(answer);
}

export async function generate(
  docker: Docker,
  tools: ToolsPython,
  detection: Detection,
  introspection: Introspection,
  pins: Pins,
  signal?: AbortSignal,
): Promise<GeneratedProject> {
  const answer = await runFrameworks(docker, {
    image: tools.image,
    args: ["generate"],
    input: { detection, introspection, pins },
    mounts: server(tools),
    failure: `Writing the project files for ${detection.file} failed`,
    advice: "This is a bug in Stagemaker's generator; the introspection above says what the model is.",
    signal,
  });
  return GeneratedProject.parse(answer);
}
