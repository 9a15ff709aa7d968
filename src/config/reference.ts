/** Renders the configuration reference (a README section) from `schemas/config.schema.json`. */

interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  $ref?: string;
  items?: SchemaNode | SchemaNode[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
}

/** A short type description of a schema node. */
function typeName(node: SchemaNode, defs: Record<string, SchemaNode>): string {
  if (node.$ref) return typeName(defs[node.$ref.replace("#/definitions/", "")]!, defs);
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  const alternatives = node.oneOf ?? node.anyOf;
  if (alternatives) return [...new Set(alternatives.map((a) => typeName(a, defs)))].join(" or ");
  if (node.type === "array") {
    if (Array.isArray(node.items)) return `[${node.items.map((i) => typeName(i, defs)).join(", ")}]`;
    return node.items ? `list of ${typeName(node.items, defs)}` : "list";
  }
  if (!node.type && (node as { pattern?: string }).pattern) return "relative path";
  if (node.type === "object" && node.additionalProperties && typeof node.additionalProperties === "object") {
    return `map of ${typeName(node.additionalProperties, defs)}`;
  }
  return Array.isArray(node.type) ? node.type.join(" or ") : (node.type ?? "any");
}

/** The description of a node, following `$ref`. */
function describe(node: SchemaNode, defs: Record<string, SchemaNode>): string {
  if (node.description) return node.description;
  if (node.$ref) return describe(defs[node.$ref.replace("#/definitions/", "")]!, defs);
  return "";
}

/** The Markdown table of top-level keys, and of `overrides` entries. */
export function renderConfigReference(schema: SchemaNode & { definitions?: Record<string, SchemaNode> }): string {
  const defs = schema.definitions ?? {};
  const row = (name: string, node: SchemaNode) => `| \`${name}\` | ${typeName(node, defs)} | ${describe(node, defs).replace(/\|/g, "\\|")} |\n`;
  let out = "| key | type | meaning |\n|---|---|---|\n";
  for (const [name, node] of Object.entries(schema.properties ?? {})) if (name !== "$schema") out += row(name, node);
  const overrides = schema.properties?.overrides?.items as SchemaNode | undefined;
  if (overrides?.properties) {
    out += "\nEach `overrides` entry:\n\n| key | type | meaning |\n|---|---|---|\n";
    for (const [name, node] of Object.entries(overrides.properties)) out += row(name, node);
  }
  return out;
}
