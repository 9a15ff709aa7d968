/**
 * The report formats, by name. Adding one is a module exporting a `formatter` and a line here;
 * modules load only when a run asks for their format.
 */
import type { Formatter } from "./formatter.js";

export type { Formatter } from "./formatter.js";

const FORMATTERS = {
  stylish: () => import("./stylish.js"),
  json: () => import("./json.js"),
  sarif: () => import("./sarif.js"),
  junit: () => import("./junit.js"),
  github: () => import("./github.js"),
  markdown: () => import("./markdown.js"),
  html: () => import("./html.js"),
  diff: () => import("./diff.js"),
} satisfies Record<string, () => Promise<{ formatter: Formatter }>>;

/** The name of a built-in format. */
export type FormatName = keyof typeof FORMATTERS;

/** The built-in formats' names, in documentation order. */
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];

/** Whether `name` is a built-in format. */
export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(FORMATTERS, name);
}

/** The formatter of a built-in format; a TypeError names the formats for an unknown name. */
export async function loadFormatter(name: string): Promise<Formatter> {
  if (!isFormatName(name)) throw new TypeError(`unknown format "${name}" (formats: ${FORMAT_NAMES.join(", ")})`);
  return (await FORMATTERS[name]()).formatter;
}
