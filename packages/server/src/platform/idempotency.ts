// Idempotent commands (ARCHITECTURE.md decision 6): a money-moving POST carries an Idempotency-Key.
// The same key with the same body returns the first result; with a different body it is a conflict.
// The record is written in the command's own transaction, so a failed command leaves no key behind.
import { and, eq } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "./db.ts";
import { canonicalJson, sm3Hex } from "./canonicalJson.ts";
import { fail, invariant } from "./errors.ts";
import { idempotencyRecord } from "./outboxTables.ts";
import { actorOf, inTransaction } from "./http.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

/** The request's Idempotency-Key header, required on every command that moves money. */
export function idempotencyKeyOf(request: Pick<FastifyRequest, "headers">): string {
  const key = request.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
    return fail("VALIDATION_FAILED", "资金类操作须带 Idempotency-Key 请求头（8-200 位字母、数字或 _ . : -），重试时使用同一值。", [
      { path: "Idempotency-Key", message: "缺少或格式不正确" },
    ]);
  }
  return key;
}

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function withIdempotency<T>(
  tx: Db,
  input: { regionCode: string; key: string; command: string; actorId: string | null; request: unknown },
  run: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const requestHash = sm3Hex(canonicalJson({ command: input.command, request: input.request ?? null }));
  // A concurrent insert of the same key waits here until the first transaction ends.
  const inserted = await tx
    .insert(idempotencyRecord)
    .values({ regionCode: input.regionCode, key: input.key, command: input.command, actorId: input.actorId, requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecord.key });
  if (inserted.length === 0) {
    const [existing] = await tx
      .select()
      .from(idempotencyRecord)
      .where(and(eq(idempotencyRecord.regionCode, input.regionCode), eq(idempotencyRecord.key, input.key)));
    invariant(existing, "a conflicting idempotency record exists");
    if (existing.command !== input.command || existing.requestHash !== requestHash) {
      fail("IDEMPOTENCY_CONFLICT", "该 Idempotency-Key 已用于另一笔不同内容的请求，请勿重复使用。");
    }
    invariant(existing.statusCode !== null, "a committed idempotency record has its result");
    return { status: existing.statusCode, body: existing.response as T, replayed: true };
  }
  const result = await run();
  await tx
    .update(idempotencyRecord)
    .set({ statusCode: result.status, response: JSON.parse(canonicalJson(result.body)) })
    .where(and(eq(idempotencyRecord.regionCode, input.regionCode), eq(idempotencyRecord.key, input.key)));
  return { ...result, replayed: false };
}

export interface CommandOptions {
  /** The answer's status when the command succeeds (201 unless said). */
  status?: number;
  /**
   * Where the key lives, when not in the actor's own region: a command on a document of a narrower
   * region (a village's roster, run at its township) keys it by the document's region, read in the
   * command's transaction.
   */
  regionCode?: (tx: Db) => Promise<string>;
  /** What a replay must match (default: the route's params and body). */
  request?: unknown;
}

/**
 * A money-moving command at a route, run once per Idempotency-Key in one transaction: the same key
 * with the same request answers the first result again (marked `idempotent-replayed`), with another
 * request is IDEMPOTENCY_CONFLICT, and a failed command leaves no key behind. Every route that moves
 * money goes through here (or through `idempotentResult` when it must see the result first).
 */
export async function idempotentResult<T>(request: FastifyRequest, command: string, run: (tx: Db) => Promise<T>, options: CommandOptions = {}): Promise<IdempotentResult<T>> {
  const actor = actorOf(request);
  const key = idempotencyKeyOf(request);
  const status = options.status ?? 201;
  const input = options.request !== undefined ? options.request : { params: request.params ?? null, body: request.body ?? null };
  return inTransaction(request.server, async (tx) => {
    const regionCode = options.regionCode ? await options.regionCode(tx) : actor.regionCode;
    return withIdempotency(tx, { regionCode, key, command, actorId: actor.userId, request: input }, async () => ({ status, body: await run(tx) }));
  });
}

/** Runs the command as idempotentResult does and sends its answer. */
export async function sendIdempotent<T>(request: FastifyRequest, reply: FastifyReply, command: string, run: (tx: Db) => Promise<T>, options: CommandOptions = {}) {
  const result = await idempotentResult(request, command, run, options);
  return sendResult(reply, result);
}

/** Sends a command's result, saying when it is a replay. */
export function sendResult<T>(reply: FastifyReply, result: IdempotentResult<T>, body: unknown = result.body) {
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.status(result.status).send(body);
}
