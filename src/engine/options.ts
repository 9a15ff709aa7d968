/** Validates rule options against the options schema the rule file declares (compiled once per rule). */
import type { Ajv, ValidateFunction } from "ajv";
import type { RuleDefinition } from "../model/rule.js";
import { ajvModule } from "../schema/ajv.js";

// Ajv is loaded when options are first validated (most runs set none), not at start-up.
let ajv: Ajv | null = null;
const compiled = new WeakMap<RuleDefinition, ValidateFunction>();

/** Why `options` do not satisfy the rule's options schema, or null when they do. Remote `$ref`s are never fetched. */
export function validateOptions(rule: RuleDefinition, options: Record<string, unknown>): string | null {
  let validate = compiled.get(rule);
  if (!validate) {
    ajv ??= new (ajvModule().Ajv)({ allErrors: true, strict: false });
    try {
      validate = ajv.compile(rule.options?.schema ?? {});
    } catch (error) {
      return `its options schema cannot be compiled: ${(error as Error).message}`;
    }
    compiled.set(rule, validate);
  }
  if (validate(options)) return null;
  return (validate.errors ?? [])
    .map((e) => {
      const where = `options${e.instancePath.replace(/\//g, ".")}`;
      if (e.keyword === "additionalProperties") return `${where}: unknown option "${String(e.params.additionalProperty)}"`;
      if (e.keyword === "enum") return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      return `${where}: ${e.message ?? "is invalid"}`;
    })
    .join("; ");
}
