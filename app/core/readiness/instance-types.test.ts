import { describe, expect, it } from "vitest";
import type { Manifest } from "../../contract";
import { deployEnvironment } from "./deploy-env";
import { describeInstance } from "./instance-types";

describe("describeInstance", () => {
  it("gives the architecture and memory SageMaker's instance families have", () => {
    expect(describeInstance("ml.m5.large")).toMatchObject({ platform: "linux/amd64", memoryMb: 8192 });
    expect(describeInstance("ml.c5.xlarge")).toMatchObject({ platform: "linux/amd64", memoryMb: 8192 });
    expect(describeInstance("ml.r5.2xlarge")).toMatchObject({ platform: "linux/amd64", memoryMb: 65536 });
    expect(describeInstance("ml.t2.medium")).toMatchObject({ platform: "linux/amd64", memoryMb: 4096 });
    // Graviton: a "g" after the generation; g4dn/g5 are x86 GPU families.
    expect(describeInstance("ml.c7g.large")).toMatchObject({ platform: "linux/arm64", memoryMb: 4096 });
    expect(describeInstance("ml.m6g.4xlarge")).toMatchObject({ platform: "linux/arm64", memoryMb: 65536 });
    expect(describeInstance("ml.r6gd.xlarge").platform).toBe("linux/arm64");
    expect(describeInstance("ml.g5.xlarge")).toMatchObject({ platform: "linux/amd64", memoryMb: 16384 });
    expect(describeInstance("ml.g4dn.xlarge").platform).toBe("linux/amd64");
    // A family the table does not know: no memory made up.
    expect(describeInstance("ml.p4d.24xlarge").memoryMb).toBeUndefined();
  });
});

describe("deployEnvironment", () => {
  it("is what the deploy scripts read from deploy/model.env: a # starts a comment there, so the value is cut", () => {
    const manifest = {
      env: [
        { name: "MAX_BATCH_SIZE", value: "8" },
        { name: "GREETING", value: "hello #1" },
      ],
    } as Manifest;
    expect(deployEnvironment(manifest)).toEqual(["MAX_BATCH_SIZE=8", "GREETING=hello"]);
  });
});
