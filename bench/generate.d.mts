// Types of the bench generator's exports that the tests use.
export function mulberry32(seed: number): () => number;
/** A page's content as data, which the YAML and JSON twins are written from. */
export interface Page {
  title: string;
  sidebar: number | null;
  legend: [string, string][];
  parties: string[];
  sections: { title: string; layout: string; rows: { name: string; codes: string[]; ragged: string | null }[] }[];
  crlf: boolean;
}
export function renderPage(seed: number, index: number, rowsPerFile: number): { product: string; text: string; page: Page };
export function corpusParams(env?: Record<string, string | undefined>): { seed: number; files: number; rowsPerFile: number; filesPerFolder: number };
export function pageData(page: Page): Record<string, unknown>;
export function renderYaml(page: Page): string;
export function renderJson(page: Page): string;
export function corpusDir(format?: "markdown" | "yaml" | "json"): string;
