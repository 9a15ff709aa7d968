// Types of the bench generator's exports that the tests use.
export function mulberry32(seed: number): () => number;
export function renderPage(seed: number, index: number, rowsPerFile: number): { product: string; text: string };
export function corpusParams(env?: Record<string, string | undefined>): { seed: number; files: number; rowsPerFile: number; filesPerFolder: number };
