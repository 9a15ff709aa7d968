/** Types of the ajv standalone validators that `scripts/gen-validators.mjs` generates at build time. */
export interface ValidationError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** A precompiled validator: returns whether `data` is valid and leaves the errors on itself. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

export const rule: Validator;
export const matrix: Validator;
export const config: Validator;
