/** What every reader is told: the role scheme, configured party aliases, and how to read cell texts. */
import type { PartyAliases } from "../model/matrix.js";
import type { RoleScheme } from "../model/scheme.js";
import type { CellTextReader } from "./cell-codes.js";
import type { RestReader } from "./markdown/rest.js";

/** Options of the readers. */
export interface ReadOptions {
  /** The scheme to read with: the configured one, or the default a document may override by naming another (see `schemeConfigured`). */
  scheme: RoleScheme;
  /** Whether `scheme` was configured (it then applies whatever the document says). Default false. */
  schemeConfigured?: boolean;
  /** Configured party-role aliases (replace the built-in recognition; roles written in a YAML/JSON file stand). */
  parties?: PartyAliases | null;
  /**
   * Reads a cell text (default `readCellText`). A linting run passes one that remembers its answers,
   * since real matrices repeat a few cell texts thousands of times; it must give what
   * `readCellText` gives.
   */
  readCell?: CellTextReader;
  /** Reads the rest of a Markdown table row after its first cell (default `readRest`); a run passes one that remembers its answers. */
  readRest?: RestReader;
}
