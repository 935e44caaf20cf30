import type { BuildFailure, BuildFailureCause } from "../../contract";

/**
 * What to do about the build failures people meet most, recognised from the failing step's
 * output. pip's own message ("No matching distribution") hides the real cause when it is a
 * TLS-inspecting proxy, so the certificate check comes first.
 */
const hints: { when: RegExp; hint: string; cause?: BuildFailureCause }[] = [
  {
    when: /CERTIFICATE_VERIFY_FAILED|self[- ]signed certificate in certificate chain|unable to get local issuer certificate/i,
    cause: "tls",
    hint:
      "The build could not verify a TLS certificate, which usually means a proxy that inspects HTTPS. " +
      "Choose your CA bundle in Settings (on Debian/Ubuntu /etc/ssl/certs/ca-certificates.crt; `stagemaker settings --ca-bundle PATH`) and build again — no restart needed — " +
      "or put the wheels in the project's wheelhouse/ folder.",
  },
  {
    when: /Temporary failure (resolving|in name resolution)|Could not resolve host|Network is unreachable|Failed to establish a new connection/i,
    hint:
      "The build could not reach the network. Check the engine's network or proxy settings, " +
      "or build offline: wheels in wheelhouse/, or the debian flavour (build arg SERVER_DEPS=debian).",
  },
  {
    when: /No matching distribution found for|Could not find a version that satisfies the requirement/i,
    hint: "pip found no such package or version: check the names and pins in requirements.txt.",
  },
  {
    when: /Unable to locate package|has no installation candidate/i,
    hint: "apt found no such package: check the names in system-packages.txt (Debian bookworm package names).",
  },
  {
    when: /pull access denied|manifest unknown|not found: manifest|failed to resolve reference/i,
    hint: "The base image could not be pulled: pull or load it into the engine first (docker pull / docker load), or change baseImage in stagemaker.json.",
  },
];

export function buildFailureHint(failure: Pick<BuildFailure, "message" | "lastLines">): string | undefined {
  return recognise(failure)?.hint;
}

/** The hint and, for causes a face can act on in one click (a missing CA), the cause's name. */
export function recognise(failure: Pick<BuildFailure, "message" | "lastLines">): { hint: string; cause?: BuildFailureCause } | undefined {
  const text = [failure.message, ...failure.lastLines].join("\n");
  const found = hints.find(({ when }) => when.test(text));
  return found && { hint: found.hint, ...(found.cause ? { cause: found.cause } : {}) };
}
