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

export function imageTagFor(name: string): string {
  return `stagemaker/${safeImageName(name)}:latest`;
}
