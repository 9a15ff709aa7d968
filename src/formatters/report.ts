/** The report every formatter consumes (its types live in the model: linting produces them). */
export { buildReport, type FileReport, type Report, type ReportSummary, type SuppressedFinding } from "../model/result.js";
