import { describe, expect, it } from "vitest";
import { buildFailureHint, recognise } from "./build-failure-hint";

describe("buildFailureHint", () => {
  it("names the proxy CA setting when pip fails on a certificate, even though pip's last word is 'no matching distribution'", () => {
    const hint = buildFailureHint({
      message: "The command '/bin/sh -c pip install -r /tmp/server-requirements.txt' returned a non-zero code: 1",
      lastLines: [
        "WARNING: Retrying ... [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain",
        "ERROR: No matching distribution found for fastapi==0.165.0",
      ],
    });
    expect(hint).toContain("CA bundle in Settings");
    expect(recognise({ message: "x", lastLines: ["SSL: CERTIFICATE_VERIFY_FAILED"] })?.cause).toBe("tls");
  });

  it("points at requirements.txt when a package does not exist", () => {
    const hint = buildFailureHint({
      message: "returned a non-zero code: 1",
      lastLines: ["ERROR: No matching distribution found for no-such-pkg==0.0.1"],
    });
    expect(hint).toContain("requirements.txt");
  });

  it("points at system-packages.txt when apt knows no such package", () => {
    expect(buildFailureHint({ message: "x", lastLines: ["E: Unable to locate package libfoo-nonexistent"] })).toContain(
      "system-packages.txt",
    );
  });

  it("says nothing when it does not recognise the failure", () => {
    expect(buildFailureHint({ message: "returned a non-zero code: 3", lastLines: ["no-such-command-xyz: not found"] })).toBeUndefined();
  });
});
