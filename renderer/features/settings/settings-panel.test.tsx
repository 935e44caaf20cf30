// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import type { SettingsView, UserSettings } from "../../../app/contract";
import { fakeApi, renderWithApi } from "../../testing/fake-api";
import { CaBundleOffer } from "../../shared/ca-bundle-offer";
import { SettingsPanel } from "./settings-panel";

afterEach(cleanup);

const unset = { value: null, source: "not set" };
function view(saved: UserSettings): SettingsView {
  return {
    saved,
    file: "/state/settings.json",
    effective: {
      caBundle:
        saved.caBundleMode === "none"
          ? { value: null, source: "settings (no extra CA)" }
          : saved.caBundleMode === "file"
            ? { value: saved.caBundlePath ?? null, source: "settings" }
            : { value: "/etc/ssl/certs/ca-certificates.crt", source: "auto: env SSL_CERT_FILE" },
      httpProxy: saved.httpProxy ? { value: saved.httpProxy, source: "settings" } : { value: "http://env:3128", source: "env HTTP_PROXY" },
      httpsProxy: unset,
      noProxy: unset,
      pipIndexUrl: unset,
      pipExtraIndexUrl: unset,
    },
    detectedCaBundles: [{ path: "/etc/ssl/certs/ca-certificates.crt", source: "env SSL_CERT_FILE" }],
  };
}

function settingsApi() {
  let saved: UserSettings = { caBundleMode: "auto", restartAfterBuild: false };
  const fake = fakeApi({
    "settings.get": () => view(saved),
    "settings.save": (s) => {
      saved = s as UserSettings;
      return view(saved);
    },
  });
  return { ...fake, saved: () => saved };
}

describe("Settings", () => {
  it("shows each value builds use with its source, and a saved value replaces the environment's", async () => {
    const fake = settingsApi();
    renderWithApi(<SettingsPanel onClose={() => undefined} />, fake.api);
    await waitFor(() => expect(screen.getByTestId("source-caBundle").textContent).toContain("auto: env SSL_CERT_FILE"));
    expect(screen.getByTestId("source-httpProxy").textContent).toContain("http://env:3128 (env HTTP_PROXY)");
    fireEvent.change(screen.getByLabelText("HTTP proxy (HTTP_PROXY)"), { target: { value: "http://mine:8080" } });
    fireEvent.click(screen.getByLabelText("No extra CA"));
    fireEvent.click(screen.getByRole("button", { name: "Save settings" }));
    await waitFor(() => expect(screen.getByTestId("source-httpProxy").textContent).toContain("http://mine:8080 (settings)"));
    expect(screen.getByTestId("source-caBundle").textContent).toContain("settings (no extra CA)");
    expect(fake.saved()).toMatchObject({ caBundleMode: "none", httpProxy: "http://mine:8080" });
  });

  it("takes the focus when it opens and closes on Escape wherever the focus is, giving the focus back", async () => {
    const opener = document.createElement("button");
    document.body.append(opener);
    opener.focus();
    let closed = 0;
    renderWithApi(<SettingsPanel onClose={() => closed++} />, settingsApi().api);
    const dialog = screen.getByRole("dialog", { name: "Settings" });
    expect(document.activeElement).toBe(dialog);
    opener.focus(); // the focus left the dialog (a click on the page behind it): Escape still closes it
    fireEvent.keyDown(window, { key: "Escape" });
    expect(closed).toBe(1);
    cleanup();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });

  it("after a TLS failure, one click saves the detected CA bundle and builds again", async () => {
    const fake = settingsApi();
    let retried = 0;
    renderWithApi(<CaBundleOffer onRetry={() => retried++} />, fake.api);
    const button = await screen.findByRole("button", { name: "Use this CA bundle and build again" });
    await waitFor(() => expect(button).toHaveProperty("disabled", false));
    fireEvent.click(button);
    await waitFor(() => expect(retried).toBe(1));
    expect(fake.saved()).toMatchObject({ caBundleMode: "file", caBundlePath: "/etc/ssl/certs/ca-certificates.crt" });
  });
});
