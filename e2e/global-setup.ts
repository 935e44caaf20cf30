import { ensureRendererBuilt } from "../scripts/renderer-build";

/** One renderer build for the whole run, skipped when dist-renderer/ is newer than its sources. */
export default async function globalSetup(): Promise<void> {
  const outcome = await ensureRendererBuilt({ log: (line) => console.log(line) });
  console.log(`renderer: ${outcome}`);
}
