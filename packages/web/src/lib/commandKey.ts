// The Idempotency-Key of one form or one action. A money-moving command carries it so that a retry
// (the answer was lost, the user clicked again after a network error) reaches the server as the same
// command and is answered with the first result instead of being done twice. The key stays the
// same until the command succeeds, and only then is a new one drawn for the next command. A refused
// command leaves no key behind on the server (platform/idempotency.ts), so keeping it after a refusal
// costs nothing.
import { ApiError } from "./problem.ts";

/** A fresh key: "web-" and 32 hex digits from the browser's random source (secure context or not). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export class CommandKey {
  private current: string;

  constructor(private readonly draw: () => string = newIdempotencyKey) {
    this.current = draw();
  }

  /** The key the next attempt will carry. */
  get value(): string {
    return this.current;
  }

  /** Sends the command with the current key; after success the next command gets a new key. */
  async run<T>(send: (key: string) => Promise<T>): Promise<T> {
    const result = await send(this.current);
    this.current = this.draw();
    return result;
  }
}

/**
 * A conflict on the key means an earlier attempt of this form was done with other content (its
 * answer was lost, then the form was changed): said in words a clerk can act on.
 */
export function explainConflict(error: unknown): unknown {
  if (error instanceof ApiError && error.code === "IDEMPOTENCY_CONFLICT") {
    return new ApiError(error.status, error.code, "此前的一次提交已经办理成功，内容与这次不同。请关闭窗口、刷新后核对，不要重复办理。");
  }
  return error;
}
