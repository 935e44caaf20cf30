// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen } from "@testing-library/react";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { templateProject } from "../../testing/template-project";
import { EnvTable } from "./env-table";

afterEach(cleanup);

describe("EnvTable", () => {
  it("offers the server's batching and worker variables by name", () => {
    renderWithApi(<EnvTable project={templateProject} />, fakeApi({}).api);
    fireEvent.click(screen.getByRole("button", { name: "Add variable" }));
    const name = screen.getByLabelText("Name of variable 1");
    const list = document.getElementById(name.getAttribute("list") ?? "");
    const offered = [...(list?.querySelectorAll("option") ?? [])].map((o) => o.getAttribute("value"));
    expect(offered).toEqual(
      expect.arrayContaining(["MAX_BATCH_SIZE", "STAGEMAKER_BATCHING", "STAGEMAKER_MAX_BATCH_WAIT_MS", "SAGEMAKER_MODEL_SERVER_WORKERS"]),
    );
  });
});
