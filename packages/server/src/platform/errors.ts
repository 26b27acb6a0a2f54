// Expected failures are domain errors with a stable code; one table maps codes to HTTP statuses.
// Anything else that escapes a handler is a bug and is answered 500 without details.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_AUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOTP_INVALID: 401,
  LOGIN_THROTTLED: 429,
  ACCOUNT_DISABLED: 403,
  CSRF_INVALID: 403,
  FORBIDDEN: 403,
  TOTP_ENROLL_REQUIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  OUT_OF_SCOPE: 404,
  NOT_FOUND: 404,
  DUPLICATE: 409,
  INVALID_TRANSITION: 409,
  SAME_PERSON: 409,
  STALE: 409,
  IDEMPOTENCY_CONFLICT: 409,
  RATE_LIMITED: 429,
  /** A control character (U+0000–U+001F, U+007F) in a request's text, refused at the edge. */
  CONTROL_CHARACTER: 400,
  /** A list's export would hold more rows than an export may (platform/sheets.ts EXPORT_ROWS_MAX). */
  EXPORT_TOO_LARGE: 400,
  /** Too many spreadsheet imports at once: try again shortly (XIANGCAI_IMPORTS_MAX). */
  IMPORT_BUSY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Every code any domain may answer with, and its HTTP status: the one table codes are mapped in. */
const registry = new Map<string, number>(Object.entries(errorStatus));

/**
 * A domain declares its own fixed list of codes once, and gets a typed `fail` for them.
 * A code may be declared twice only with the same status.
 */
export function defineErrorCodes<const T extends Record<string, number>>(codes: T) {
  for (const [code, status] of Object.entries(codes)) {
    const existing = registry.get(code);
    if (existing !== undefined && existing !== status) throw new Error(`Error code ${code} declared with two statuses`);
    if (!/^[A-Z][A-Z0-9_]+$/.test(code) || status < 400 || status > 499) throw new Error(`Bad error code ${code}: ${status}`);
    registry.set(code, status);
  }
  return (code: (keyof T & string) | ErrorCode, detail: string, errors?: FieldError[]): never => {
    throw new DomainError(code, detail, errors);
  };
}

export function statusOf(code: string): number {
  const status = registry.get(code);
  if (status === undefined) throw new Error(`Undeclared error code ${code}`);
  return status;
}

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(`${code}: ${detail}`);
    this.status = statusOf(code);
  }
}

export const fail = (code: ErrorCode, detail: string, errors?: FieldError[]): never => {
  throw new DomainError(code, detail, errors);
};

/** A broken invariant: the code is wrong, not the input. Never caught and ignored. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant broken: ${message}`);
}
