/** Where a JSON text stops being JSON, for messages that point at it (config files, baselines, matrices). */
export { jsonSyntaxError } from "./json-tree.js";
