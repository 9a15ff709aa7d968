/**
 * Ajv, loaded when first asked for rather than at start-up: only runs that validate rule options or
 * read a baseline need it, and loading it is a good part of a cold start. The two lines after the
 * imports are the ones scripts/bundle.mjs drops, so that in the bundle `require` is the bundle's own
 * and loads the bundled Ajv at the call, not when the bundle starts.
 */
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);

let loaded: typeof import("ajv") | null = null;

/** The `ajv` module, loaded on first call. */
export function ajvModule(): typeof import("ajv") {
  return (loaded ??= require("ajv") as typeof import("ajv"));
}
