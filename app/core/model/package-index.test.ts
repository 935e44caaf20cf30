// The pre-build check that a framework build off PyPI (torch X+cpu) has its index in pip's settings.
import { describe, expect, it } from "vitest";
import { type Detection, type Pins, StagemakerError } from "../../contract";
import { namesIndex, refuseUnreachableIndex } from "./package-index";

const CPU = "https://download.pytorch.org/whl/cpu";
const detection = { file: "model.pt2", size: 10, kind: "pytorch", format: "torch-export", notes: [] } as unknown as Detection;
const pins: Pins = {
  package: "torch",
  version: "2.5.1+cpu",
  requirements: ["torch==2.5.1+cpu", "numpy==1.26.4"],
  systemPackages: [],
  notes: [],
  index: CPU,
  choices: [
    { version: "1.13.1", label: "CPU, Debian's python3-torch 1.13.1", imageSize: "about 1.8 GB" },
    { version: "2.5.1+cpu", label: "CPU, torch 2.5.1+cpu from PyTorch's index", imageSize: "about 1.1 GB", index: CPU },
    { version: "2.5.1", label: "CUDA, torch 2.5.1 from PyPI", imageSize: "about 6 GB (CUDA libraries)" },
  ],
};

describe("a framework build whose wheels are not on PyPI", () => {
  it("is found in either pip setting, among several URLs, with or without a trailing slash", () => {
    expect(namesIndex({ PIP_EXTRA_INDEX_URL: `https://mirror.example/simple ${CPU}/` }, CPU)).toBe(true);
    expect(namesIndex({ PIP_INDEX_URL: CPU }, CPU)).toBe(true);
    expect(namesIndex({ PIP_EXTRA_INDEX_URL: "https://download.pytorch.org/whl/cu121" }, CPU)).toBe(false);
    expect(namesIndex(undefined, CPU)).toBe(false);
  });

  it("is refused before the build when the settings lack the index, saying how to add it and what else to pick", () => {
    let err: unknown;
    try {
      refuseUnreachableIndex(detection, pins, { HTTPS_PROXY: "http://proxy:3128" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StagemakerError);
    const message = (err as Error).message;
    expect(message).toContain("model.pt2: torch 2.5.1+cpu is not on PyPI but on https://download.pytorch.org/whl/cpu");
    expect(message).toContain(`stagemaker settings --pip-extra-index-url ${CPU}`);
    // The builds that need no other index are offered; the chosen one is not offered again.
    expect(message).toContain("1.13.1 (CPU, Debian's python3-torch 1.13.1, image about 1.8 GB)");
    expect(message).toContain("2.5.1 (CUDA, torch 2.5.1 from PyPI, image about 6 GB (CUDA libraries))");
    expect(message).not.toContain("2.5.1+cpu (");
  });

  it("goes on to the build when the settings name the index, or when no index is needed", () => {
    expect(() => refuseUnreachableIndex(detection, pins, { PIP_EXTRA_INDEX_URL: CPU })).not.toThrow();
    const { index: _index, ...fromPypi } = pins;
    expect(() => refuseUnreachableIndex(detection, { ...fromPypi, version: "2.5.1" }, {})).not.toThrow();
  });
});
