import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";

const opened: string[] = [];
vi.mock("electron", () => ({ BrowserWindow: class {}, shell: { openExternal: async (url: string) => void opened.push(url) } }));
const { isAllowedExternal, lockDownContents, trustedFrameCheck } = await import("./window");

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(fn: (details: { url: string }) => { action: string }) {
    this.openHandler = fn;
  }
}
const navigate = (contents: FakeContents, event: string, url: string) => {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
};

describe("window lock-down", () => {
  it("keeps navigation on the app's origin", () => {
    const contents = new FakeContents();
    lockDownContents(contents as never);
    expect(navigate(contents, "will-navigate", "app://stagemaker/index.html")).toBe(false);
    expect(navigate(contents, "will-navigate", "https://evil.example/")).toBe(true);
    expect(navigate(contents, "will-navigate", "file:///etc/passwd")).toBe(true);
    expect(navigate(contents, "will-navigate", "app://stagemaker.evil/")).toBe(true);
    expect(navigate(contents, "will-redirect", "http://127.0.0.1:1/")).toBe(true);
    expect(navigate(contents, "will-attach-webview", "")).toBe(true);
  });

  it("denies every new window and opens only allowlisted https links outside", () => {
    const contents = new FakeContents();
    lockDownContents(contents as never);
    expect(contents.openHandler!({ url: "https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html" })).toEqual({
      action: "deny",
    });
    expect(contents.openHandler!({ url: "https://evil.example/" })).toEqual({ action: "deny" });
    expect(opened).toEqual(["https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html"]);
    expect(isAllowedExternal("http://docs.docker.com/")).toBe(false);
    expect(isAllowedExternal("https://docs.docker.com.evil.example/")).toBe(false);
    expect(isAllowedExternal("javascript:alert(1)")).toBe(false);
  });

  it("trusts only the top frame of our window on the app origin", () => {
    const mainFrame = { url: "app://stagemaker/index.html", parent: null };
    const window = { isDestroyed: () => false, webContents: { mainFrame } };
    const check = trustedFrameCheck(() => window as never);
    expect(check(mainFrame as never)).toBe(true);
    expect(check({ url: "app://stagemaker/index.html", parent: mainFrame } as never)).toBe(false);
    expect(check(null)).toBe(false);
    const navigatedAway = { url: "https://evil.example/", parent: null };
    expect(
      trustedFrameCheck(() => ({ isDestroyed: () => false, webContents: { mainFrame: navigatedAway } }) as never)(navigatedAway as never),
    ).toBe(false);
  });
});
