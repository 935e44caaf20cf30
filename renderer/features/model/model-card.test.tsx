// @vitest-environment happy-dom
// The model card offers the framework builds the adapter names, each with its image size, and a
// pick asks for a new plan with that version.
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ModelPlan } from "../../../app/contract";
import { ModelCard } from "./model-card";

const plan: ModelPlan = {
  detection: { file: "model.pt", size: 10, kind: "pytorch", format: "torchscript-zip", modules: [], notes: [] },
  introspection: {
    kind: "pytorch",
    frameworkVersion: "1.13.1",
    task: "other",
    features: [{ name: "image", dtype: "float", shape: [1, 8, 8] }],
    namedFeatures: true,
    outputs: [{ name: "prediction", dtype: "float", shape: [2] }],
    probabilities: false,
    expected: [],
  },
  files: [],
  example: { json: "{}", csv: "" },
  requirements: [],
  notes: [],
  choices: [
    { version: "1.13.1", label: "CPU, Debian's python3-torch 1.13.1", imageSize: "about 700 MB" },
    { version: "2.5.1", label: "CUDA, torch 2.5.1 from PyPI", imageSize: "about 5 GB" },
  ],
  chosen: "1.13.1",
};

describe("ModelCard framework builds", () => {
  it("shows each build with its image size, the chosen one checked, and asks for a plan with the one picked", () => {
    const onChoose = vi.fn();
    render(<ModelCard plan={plan} onChoose={onChoose} />);
    const debian = screen.getByRole("radio", { name: /Debian's python3-torch 1.13.1: image about 700 MB/ });
    const cuda = screen.getByRole("radio", { name: /CUDA, torch 2.5.1 from PyPI: image about 5 GB/ });
    expect((debian as HTMLInputElement).checked).toBe(true);
    expect((cuda as HTMLInputElement).checked).toBe(false);
    fireEvent.click(cuda);
    expect(onChoose).toHaveBeenCalledWith("2.5.1");
  });

  it("offers nothing when the adapter names no builds", () => {
    const { container } = render(<ModelCard plan={{ ...plan, choices: undefined }} />);
    expect(container.querySelector("[data-testid=model-choices]")).toBeNull();
    expect(container.querySelector("[data-testid=model-card]")).not.toBeNull();
  });

  it("lists the packages the image gets from Debian beside pip's (Debian's torch has no pip line)", () => {
    const files = [{ path: "system-packages.txt", content: "# Debian packages\npython3-torch\n", status: "new" as const }];
    const { container } = render(<ModelCard plan={{ ...plan, files }} />);
    expect(container.querySelector("[data-testid=model-requirements]")!.textContent).toBe("python3-torch (Debian)");
  });
});
