// The outbox (ARCHITECTURE.md decision 10): a domain writes an event in the same transaction as
// its change; consumers handle each event exactly once, also in a transaction of their own, and
// record that they did with a row whose primary key refuses a second handling.
//
// Topics are typed: each is declared once, in the producer's domain (`<domain>/events.ts`), as a
// name and a zod schema of its JSON payload (defineTopic). publish() takes the topic and a payload of
// its type and refuses one that does not match; a consumer names the topics it takes and gets each
// event's payload parsed by its topic's schema and typed by it. docs/events.md is generated from the
// declarations (src/eventsDoc.ts) and a test keeps the two the same.
import { and, asc, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database, Db } from "./db.ts";
import { uuidv7 } from "./ids.ts";
import { systemClock, type Clock } from "./clock.ts";
import { outboxConsumption, outboxEvent } from "./outboxTables.ts";
import { toJsonValue } from "./canonicalJson.ts";

type StoredEvent = typeof outboxEvent.$inferSelect;

/** A topic: its name, the schema of its payload (as stored, JSON), who publishes it and when. */
export interface Topic<Name extends string = string, Payload = unknown> {
  readonly name: Name;
  readonly schema: z.ZodType<Payload>;
  /** The producing domain and one sentence on when it publishes (for docs/events.md). */
  readonly producer: string;
  readonly description: string;
}

export function defineTopic<const Name extends string, Schema extends z.ZodType>(name: Name, schema: Schema, about: { producer: string; description: string }): Topic<Name, z.output<Schema>> {
  return { name, schema: schema as unknown as z.ZodType<z.output<Schema>>, ...about };
}

export type PayloadOf<T> = T extends Topic<string, infer P> ? P : never;

/** An event as a consumer sees it: one of its topics, with that topic's payload. */
export type OutboxEvent<T extends Topic = Topic> = T extends Topic<infer Name, infer Payload> ? Omit<StoredEvent, "topic" | "payload"> & { topic: Name; payload: Payload } : never;

/**
 * The field types payloads are made of, each named for docs/events.md: amounts are yuan strings,
 * dates China-time YYYY-MM-DD, never numbers that could lose a fen.
 */
export const eventField = {
  id: () => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).describe("uuid"),
  regionCode: () => z.string().regex(/^[0-9]{9}([0-9]{3})?$/).describe("region code"),
  yuan: () => z.string().regex(/^[0-9]+\.[0-9]{2}$/).describe("yuan"),
  date: () => z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/).describe("YYYY-MM-DD"),
  text: () => z.string(),
  count: () => z.number().int().nonnegative().describe("integer"),
};

export interface OutboxConsumer<T extends Topic = Topic> {
  /** Stable name: it is stored with every event handled. */
  name: string;
  topics: readonly T[];
  /**
   * Handles one event (in its own transaction); throwing leaves the event for the next dispatch.
   * `at` is when the event is handled, for what the handling writes.
   */
  handle(tx: Db, event: OutboxEvent<T>, at: Date): Promise<void>;
}

const consumers = new Map<string, OutboxConsumer>();

export function registerConsumer<T extends Topic>(consumer: OutboxConsumer<T>): void {
  const existing = consumers.get(consumer.name);
  if (existing && existing !== (consumer as unknown)) throw new Error(`Outbox consumer ${consumer.name} registered twice`);
  consumers.set(consumer.name, consumer as unknown as OutboxConsumer);
}

export function unregisterConsumer(name: string): void {
  consumers.delete(name);
}

/** Why a payload does not match its topic's schema, or null when it does. */
function payloadProblem(topic: Topic, payload: unknown): string | null {
  const parsed = topic.schema.safeParse(payload);
  return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".") || "(payload)"}: ${i.message}`).join("; ");
}

/**
 * Writes an event; call inside the transaction that makes the change the event announces. A payload
 * that does not match its topic is a bug in the producer: refused here, so the change rolls back.
 */
export async function publish<T extends Topic>(tx: Db, topic: T, event: { regionCode: string; payload: PayloadOf<T> }, at: Date): Promise<string> {
  const payload = toJsonValue(event.payload);
  const problem = payloadProblem(topic, payload);
  if (problem) throw new Error(`outbox: payload of ${topic.name} does not match its declaration: ${problem}`);
  const id = uuidv7(at.getTime());
  await tx.insert(outboxEvent).values({ regionCode: event.regionCode, id, topic: topic.name, payload, createdAt: at });
  return id;
}

export const OUTBOX_BATCH_MAX = 200;

export interface DispatchResult {
  processed: number;
  failed: { consumer: string; eventId: string; error: string }[];
}

/** Hands pending events to every consumer. Safe to run in several processes at once. */
export async function dispatchOutbox(database: Pick<Database, "db">, options: { limit?: number; clock?: Clock } = {}): Promise<DispatchResult> {
  const { limit = OUTBOX_BATCH_MAX, clock = systemClock } = options;
  const result: DispatchResult = { processed: 0, failed: [] };
  for (const consumer of consumers.values()) {
    if (consumer.topics.length === 0) continue;
    const topics = new Map(consumer.topics.map((t) => [t.name, t]));
    const pending = await database.db
      .select()
      .from(outboxEvent)
      .where(
        and(
          inArray(outboxEvent.topic, [...topics.keys()]),
          sql`not exists (select 1 from outbox_consumption c where c.region_code = ${outboxEvent.regionCode} and c.event_id = ${outboxEvent.id} and c.consumer = ${consumer.name})`,
        ),
      )
      .orderBy(asc(outboxEvent.createdAt), asc(outboxEvent.id))
      .limit(limit);
    for (const event of pending) {
      try {
        const at = clock.now();
        const handled = await database.db.transaction(async (tx) => {
          const claimed = await tx
            .insert(outboxConsumption)
            .values({ regionCode: event.regionCode, consumer: consumer.name, eventId: event.id })
            .onConflictDoNothing()
            .returning({ id: outboxConsumption.eventId });
          if (claimed.length === 0) return false;
          // Parsed by the topic's schema, so the consumer works on the declared type, not a cast.
          const topic = topics.get(event.topic)!;
          const parsed = topic.schema.safeParse(event.payload);
          if (!parsed.success) throw new Error(`payload of ${event.topic} does not match its declaration: ${payloadProblem(topic, event.payload)}`);
          await consumer.handle(tx as unknown as Db, { ...event, payload: parsed.data } as OutboxEvent, at);
          return true;
        });
        if (handled) result.processed++;
      } catch (error) {
        result.failed.push({ consumer: consumer.name, eventId: event.id, error: (error as Error).message });
      }
    }
  }
  return result;
}

/** Events a consumer has not handled yet (for monitoring pages and tests). */
export async function pendingCount(db: Db, consumerName: string): Promise<number> {
  const consumer = consumers.get(consumerName);
  if (!consumer || consumer.topics.length === 0) return 0;
  const [row] = await db
    .select({ n: sql<bigint>`count(*)` })
    .from(outboxEvent)
    .where(
      and(
        inArray(outboxEvent.topic, consumer.topics.map((t) => t.name)),
        sql`not exists (select 1 from outbox_consumption c where c.region_code = ${outboxEvent.regionCode} and c.event_id = ${outboxEvent.id} and c.consumer = ${consumerName})`,
      ),
    );
  return Number(row?.n ?? 0n);
}

/** Polls the outbox in the background; returns a function that stops it and waits for the last run. */
export function startOutboxWorker(database: Pick<Database, "db">, options: { intervalMs?: number; clock?: Clock; onError?: (e: DispatchResult["failed"][number]) => void } = {}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = dispatchOutbox(database, { clock: options.clock ?? systemClock })
      .then((r) => r.failed.forEach((f) => options.onError?.(f)))
      .catch((error: unknown) => options.onError?.({ consumer: "*", eventId: "*", error: String(error) }));
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, options.intervalMs ?? 1000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

