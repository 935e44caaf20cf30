// What a SageMaker instance type says about the machine the image will run on: its CPU
// architecture and its memory. Memory per vCPU by family, from the EC2 instance families the ml.*
// types are built on (m: general purpose 4 GiB/vCPU, c: compute 2, r: memory 8, …).

export interface Instance {
  type: string;
  platform: "linux/amd64" | "linux/arm64";
  /** Undefined for a family this table does not know (the check then says so). */
  memoryMb?: number;
  /** Why the platform is what it is, for the evidence line. */
  family: string;
}

/** The deploy scripts' default (deploy/boto3/deploy_settings.py, deploy/aws-cli). */
export const DEPLOY_DEFAULT_INSTANCE = "ml.m5.large";

const GIB_PER_VCPU: Record<string, number> = { m: 4, c: 2, r: 8, t: 4, g: 4, inf: 2, trn: 4 };
const VCPUS: Record<string, number> = { medium: 2, large: 2, xlarge: 4 };

export function describeInstance(type: string): Instance {
  const m = /^ml\.([a-z]+?)(\d+)([a-z]*)\.(\w+)$/.exec(type.trim());
  if (!m) return { type, platform: "linux/amd64", family: `${type} (not an ml.* instance type this check knows)` };
  const [, letters = "", , attrs = "", size = ""] = m;
  // Graviton families carry a "g" after the generation (ml.c6g, ml.m7g, ml.r6gd, ml.c6gn); g4dn/g5 are GPU (x86) families.
  const graviton = letters !== "g" && attrs.includes("g");
  const vcpus = VCPUS[size] ?? (/^(\d+)xlarge$/.test(size) ? Number(size.replace("xlarge", "")) * 4 : undefined);
  const perVcpu = GIB_PER_VCPU[letters];
  // t2.medium has 4 GiB for its 2 vCPUs, half of the per-vCPU rule.
  const gib = vcpus && perVcpu ? (letters === "t" && size === "medium" ? 4 : vcpus * perVcpu) : undefined;
  return {
    type,
    platform: graviton ? "linux/arm64" : "linux/amd64",
    ...(gib ? { memoryMb: gib * 1024 } : {}),
    family: graviton ? `${type} is a Graviton (arm64) instance` : `${type} is an x86_64 instance`,
  };
}
