/**
 * zod 4 probes `new Function` when it builds an object schema, to compile fast parsers. Our CSP
 * forbids eval (ADR 0016), so in the browser that probe is reported as a CSP violation. root.tsx
 * imports this module first, so the setting is in place before any route module builds a schema.
 */
import { z } from "zod";

z.config({ jitless: true });
