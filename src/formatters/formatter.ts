/** What a report format is: a pure function of the report and its context. */
import type { Report } from "../model/result.js";
import type { FormatContext } from "./context.js";

/** One report format (a module of `src/formatters/`, listed in `index.ts`). */
export interface Formatter {
  /** One line saying what the format is for. */
  readonly description: string;
  /** What the report must carry beyond findings: each file's text (`source`), or its matrix too (`matrix`). */
  readonly needs?: "source" | "matrix";
  /** The report in this format. Deterministic: the same report gives the same text. */
  format(report: Report, context: FormatContext): string;
}
