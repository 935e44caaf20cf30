// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { FolderListing } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { projectNameFor } from "./create-here";
import { FolderPicker } from "./folder-picker";

afterEach(cleanup);

const roots = [
  { label: "Workspace", path: "/home/me/ws" },
  { label: "Home", path: "/home/me" },
];
const listings: Record<string, FolderListing> = {
  "/home/me/ws": {
    path: "/home/me/ws",
    parent: null,
    isProject: false,
    isEmpty: false,
    roots,
    entries: [{ name: "iris", path: "/home/me/ws/iris", isProject: true }],
  },
  "/home/me/ws/iris": { path: "/home/me/ws/iris", parent: "/home/me/ws", isProject: true, isEmpty: false, roots, entries: [] },
};

describe("FolderPicker", () => {
  it("in a browser, browses the host's folders and picks one", async () => {
    const fake = fakeApi({ "folders.list": ({ path }) => listings[path ?? "/home/me/ws"]! });
    let picked = "";
    renderWithApi(<FolderPicker onPick={(p) => (picked = p)} />, fake.api);
    fireEvent.click(screen.getByRole("button", { name: "Choose folder…" }));
    fireEvent.click(await screen.findByRole("button", { name: /iris/ }));
    await waitFor(() => expect(screen.getByTestId("folder-path").textContent).toBe("/home/me/ws/iris"));
    fireEvent.click(screen.getByRole("button", { name: "Open this project" }));
    expect(picked).toBe("/home/me/ws/iris");
  });

  it("in Electron, uses the native dialog", async () => {
    const fake = fakeApi();
    fake.api.pickFolder = async () => "/anywhere/model";
    let picked = "";
    renderWithApi(<FolderPicker onPick={(p) => (picked = p)} />, fake.api);
    fireEvent.click(screen.getByRole("button", { name: "Choose folder…" }));
    await waitFor(() => expect(picked).toBe("/anywhere/model"));
    expect(screen.queryByTestId("folder-browser")).toBeNull();
  });

  it("names a new project after its folder, safe for an image name", () => {
    expect(projectNameFor("/home/me/My Model_v2/")).toBe("my-model-v2");
    expect(projectNameFor("/")).toBe("my-model");
  });
});
