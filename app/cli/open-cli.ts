// Opens the CLI's binding to the core on first use, so `--help` and a mistyped command never load the core (dockerode, zod…).
// Commands import openCli from here, never ./cli-context itself: the bundle (scripts/cli-bundle.mjs) keeps the core apart.
import type { openCli as openCore } from "./cli-context";

export const openCli = async (json: boolean): Promise<ReturnType<typeof openCore>> => (await import("./cli-context")).openCli(json);
