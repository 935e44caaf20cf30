// The hardening profile each kind of container gets. Every kind runs the user's pickle or Python,
// so none keeps a capability, none may gain privileges, and each has a memory and process bound.
import type Docker from "dockerode";

/**
 * What a container is for, in the user's words:
 * - server: the project's server (Run tab, `stagemaker run`)
 * - check: a readiness probe (Readiness tab, `stagemaker readiness`)
 * - transform: the server a batch transform job starts for itself
 * - pipeline: one step of a serial inference pipeline
 * - introspect: reading a dropped model file (Model tab, `stagemaker new --from`)
 * - schemas: reading the Instance/Prediction schemas (Schemas tab, export)
 * - tools: the diagnostics container (ruff, mypy) beside the editor
 * - model-data: holds a check's model data volume while the files are copied in (never started)
 * - trainer: tests training their models (never started by the app itself)
 */
export type ContainerKind = "server" | "check" | "transform" | "pipeline" | "introspect" | "schemas" | "tools" | "model-data" | "trainer";

/** serving: answers HTTP on a published loopback port. sealed: no network at all. */
export type ProfileName = "serving" | "sealed";

export const PROFILE_OF: Record<ContainerKind, ProfileName> = {
  server: "serving",
  check: "serving",
  transform: "serving",
  pipeline: "serving",
  introspect: "sealed",
  schemas: "sealed",
  tools: "sealed",
  "model-data": "sealed",
  trainer: "sealed",
};

const MB = 1024 * 1024;
/** SageMaker's ml.m5.large has 8 GiB; the server may use what a common instance has. */
export const SERVER_MEMORY_MB = 8192;
/** Reading a model file or its schemas: enough for a large pickle, not the whole machine. */
const SEALED_MEMORY_MB = 4096;

/**
 * Process (and thread: the pids cgroup counts threads) limits. The server's workers run numeric
 * libraries that start a thread per core (OpenMP, torch), so it gets room for a large host.
 */
const PIDS: Record<ProfileName, number> = { serving: 4096, sealed: 512 };

/**
 * The HostConfig part of a profile. The server needs no capability: it runs as root in the
 * container (as on SageMaker), listens on a port above 1024 and reads files it can already read
 * (model data is copied in owned by root; mounted project files are world-readable).
 */
export function hardening(kind: ContainerKind, memoryMb?: number): Docker.HostConfig {
  const profile = PROFILE_OF[kind];
  const memory = (memoryMb ?? (profile === "serving" ? SERVER_MEMORY_MB : SEALED_MEMORY_MB)) * MB;
  return {
    CapDrop: ["ALL"],
    SecurityOpt: ["no-new-privileges"],
    Memory: memory,
    MemorySwap: memory, // no swap on top: the limit is the limit, as on an instance
    PidsLimit: PIDS[profile],
    ...(profile === "sealed" ? { NetworkMode: "none" } : {}),
  };
}
