// A framework build whose wheels are not on PyPI (torch X+cpu on PyTorch's CPU index) is refused
// before the image build when pip's settings do not name that index: pip would only say "No
// matching distribution", minutes into the build, and not what to do.
import { type Detection, type Pins, StagemakerError } from "../../contract";

const trimmed = (url: string) => url.trim().replace(/\/+$/, "");

/** pip's index settings as build args (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL: space-separated lists). */
export function namesIndex(buildArgs: Record<string, string> | undefined, index: string): boolean {
  const urls = [buildArgs?.PIP_INDEX_URL, buildArgs?.PIP_EXTRA_INDEX_URL].flatMap((v) => (v ?? "").split(/\s+/)).filter(Boolean);
  return urls.map(trimmed).includes(trimmed(index));
}

export function refuseUnreachableIndex(detection: Detection, pins: Pins, buildArgs: Record<string, string> | undefined): void {
  if (!pins.index || namesIndex(buildArgs, pins.index)) return;
  const others = (pins.choices ?? []).filter((c) => c.version !== pins.version && !c.index);
  const instead = others.length
    ? ` Or plan with another build as the framework version (the Model tab's field, or \`--framework-version\` on the command line): ${others.map((c) => `${c.version} (${c.label}, image ${c.imageSize})`).join("; ")}.`
    : "";
  throw new StagemakerError(
    "invalid-input",
    `${detection.file}: ${pins.package} ${pins.version} is not on PyPI but on ${pins.index}, and pip's settings do not name that index, so the image cannot be built. ` +
      `Add ${pins.index} as pip's extra index URL (Settings, or \`stagemaker settings --pip-extra-index-url ${pins.index}\`) and plan again.${instead}`,
    { detection },
  );
}
