#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the installed app needs no separate build step.
import { register } from "tsx/esm/api";

register();
await import("../app/cli/main.ts");
