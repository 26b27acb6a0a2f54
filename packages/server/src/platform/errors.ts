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
  ACCOUNT_LOCKED: 423,
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
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(`${code}: ${detail}`);
    this.status = errorStatus[code];
  }
}

export const fail = (code: ErrorCode, detail: string, errors?: FieldError[]): never => {
  throw new DomainError(code, detail, errors);
};

/** A broken invariant: the code is wrong, not the input. Never caught and ignored. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant broken: ${message}`);
}
