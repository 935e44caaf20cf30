import { randomBytes } from "node:crypto";

/** Turns a project name a person typed into a valid Docker repository component. */
export function safeImageName(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/[._-]{2,}/g, "-")
    .replace(/^[._-]+|[._-]+$/g, "")
    .slice(0, 60)
    .replace(/[._-]+$/g, "");
  return cleaned || "model";
}

/** A new project's own id: 8 characters of [a-z0-9], 2^41 values, so two projects never draw the same. */
export function newProjectId(): string {
  return BigInt(`0x${randomBytes(6).toString("hex")}`)
    .toString(36)
    .padStart(8, "0")
    .slice(-8);
}

/** The readable name, then the project's id: `stagemaker/iris-k3v9x0qa:latest` can belong to one project only. */
export function imageTagFor(name: string, projectId: string): string {
  return `stagemaker/${safeImageName(name)}-${projectId}:latest`;
}

/** The tag every project got before ids existed (`stagemaker/<name>:latest`), which two projects could share. */
export function isSharedOldTag(tag: string, name: string): boolean {
  return tag === `stagemaker/${safeImageName(name)}:latest`;
}
