// @vitest-environment happy-dom
// The preview: a file the person changed opens on its diff and needs a tick before it is replaced.
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { GeneratedFiles } from "./generated-files";

describe("GeneratedFiles", () => {
  it("opens the changed file's diff and asks to confirm replacing it", () => {
    const onConfirm = vi.fn();
    render(
      <GeneratedFiles
        files={[
          { path: "model/instance.py", content: "class Instance: ...\n", status: "replaces", diff: "-old\n+new" },
          { path: "requirements.txt", content: "scikit-learn==1.5.2\n", status: "changed", diff: "-torch==2.0\n+scikit-learn==1.5.2" },
        ]}
        confirmed={new Set()}
        onConfirm={onConfirm}
      />,
    );
    expect(screen.getByLabelText("requirements.txt diff").textContent).toContain("-torch==2.0");
    // Coloured by line: what goes, what comes.
    expect(screen.getByText("-torch==2.0").className).toBe("diff-del");
    expect(screen.getByText("+scikit-learn==1.5.2").className).toBe("diff-add");
    expect(screen.getByText("you changed this file")).toBeTruthy();
    expect(screen.getAllByRole("checkbox")).toHaveLength(1);
    fireEvent.click(screen.getByRole("checkbox"));
    expect(onConfirm).toHaveBeenCalledWith("requirements.txt", true);
  });
});
