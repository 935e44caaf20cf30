// Versions the person wrote in the project's requirements.txt (for example a notebook's
// environment, written there by `stagemaker.scaffold` through `stagemaker new --requirements`):
// they win over the tested table, so the image loads the model with what it was trained with.
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { generatedHashes } from "../file-status";
import type { Pins } from "./framework-pins";

/** PEP 503 name: case and runs of -_. do not matter. */
export const canonicalName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");

/** Exact pins (`name==version`, extras and markers allowed) by canonical name; anything else is left to the table. */
export function parseRequested(text: string): Map<string, { name: string; version: string }> {
  const out = new Map<string, { name: string; version: string }>();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([A-Za-z0-9.+!_-]+)\s*(?:;.*)?$/.exec(line);
    if (m) out.set(canonicalName(m[1]!), { name: m[1]!, version: m[2]! });
  }
  return out;
}

/** The project's requirements.txt as requested versions, unless it is the template's or the one Stagemaker generated last. */
export async function requestedVersions(projectDir: string, templateDir: string): Promise<Map<string, { name: string; version: string }>> {
  const current = await readFile(join(projectDir, "requirements.txt"), "utf8").catch(() => undefined);
  if (current === undefined) return new Map();
  const template = await readFile(join(templateDir, "requirements.txt"), "utf8").catch(() => undefined);
  const sha = createHash("sha256").update(current).digest("hex");
  if (current === template || (await generatedHashes(projectDir))["requirements.txt"] === sha) return new Map();
  return parseRequested(current);
}

// XGBoost 2.1+ also comes as xgboost-cpu (same code, no CUDA): one line of releases under two names.
const SAME_PROJECT: Record<string, string> = { "xgboost-cpu": "xgboost", xgboost: "xgboost-cpu" };

const older = (a: string, b: string) => {
  const pa = a.split(".").map((x) => parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  return false;
};

/** The table's pins with each requested version in place of the table's; requested packages the table lacks are added. */
export function honourRequested(pins: Pins, requested: Map<string, { name: string; version: string }>): Pins {
  if (requested.size === 0) return pins;
  const used = new Set<string>();
  const changed: string[] = [];
  let frameworkChanged = false;
  const requirements = pins.requirements.map((line, index) => {
    const m = /^([A-Za-z0-9._-]+)==(.+)$/.exec(line);
    if (!m) return line;
    const key = canonicalName(m[1]!);
    const alias = SAME_PROJECT[key];
    const hit = requested.get(key) ? key : alias && requested.get(alias) ? alias : undefined;
    if (!hit) return line;
    used.add(hit);
    const version = requested.get(hit)!.version;
    // xgboost-cpu exists from 2.1 on; an older request keeps the plain name.
    const name = key === "xgboost-cpu" && older(version, "2.1.0") ? "xgboost" : m[1]!;
    if (version !== m[2]) {
      changed.push(`${name}==${version} (the table's: ${m[2]})`);
      frameworkChanged ||= index === 0; // the table lists the framework first
    }
    return `${name}==${version}`;
  });
  const added = [...requested.entries()].filter(([key]) => !used.has(key)).map(([, r]) => `${r.name}==${r.version}`);
  if (!changed.length && !added.length) return pins;
  const notes = [
    // The table's notes explain its choice of the framework's version, which the request replaced.
    ...(frameworkChanged ? [] : pins.notes),
    `Versions from requirements.txt honoured: ${[...changed, ...added].join(", ")}.`,
  ];
  return { ...pins, requirements: [...requirements, ...added], notes };
}
