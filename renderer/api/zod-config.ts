// Imported first by main.tsx, before any schema is built: the renderer's CSP forbids eval, so zod
// must not probe for it (the probe alone is reported as a CSP violation). Parsing works the same
// without zod's compiled fast path.
import { z } from "zod";

z.config({ jitless: true });
