// The outbox (ARCHITECTURE.md decision 10): a domain writes an event in the same transaction as
// its change; consumers handle each event exactly once, also in a transaction of their own, and
// record that they did with a row whose primary key refuses a second handling.
import { and, asc, inArray, sql } from "drizzle-orm";
import type { Database, Db } from "./db.ts";
import { uuidv7 } from "./ids.ts";
import { outboxConsumption, outboxEvent } from "./outboxTables.ts";
import { toAuditJson } from "../audit/chain.ts";

export type OutboxEvent = typeof outboxEvent.$inferSelect;

export interface OutboxConsumer {
  /** Stable name: it is stored with every event handled. */
  name: string;
  topics: readonly string[];
  handle(tx: Db, event: OutboxEvent): Promise<void>;
}

const consumers = new Map<string, OutboxConsumer>();

export function registerConsumer(consumer: OutboxConsumer): void {
  const existing = consumers.get(consumer.name);
  if (existing && existing !== consumer) throw new Error(`Outbox consumer ${consumer.name} registered twice`);
  consumers.set(consumer.name, consumer);
}

export function unregisterConsumer(name: string): void {
  consumers.delete(name);
}

/** Writes an event; call inside the transaction that makes the change the event announces. */
export async function publish(tx: Db, event: { regionCode: string; topic: string; payload: unknown }, at = new Date()): Promise<string> {
  const id = uuidv7(at.getTime());
  await tx.insert(outboxEvent).values({ regionCode: event.regionCode, id, topic: event.topic, payload: toAuditJson(event.payload), createdAt: at });
  return id;
}

export const OUTBOX_BATCH_MAX = 200;

export interface DispatchResult {
  processed: number;
  failed: { consumer: string; eventId: string; error: string }[];
}

/** Hands pending events to every consumer. Safe to run in several processes at once. */
export async function dispatchOutbox(database: Pick<Database, "db">, limit = OUTBOX_BATCH_MAX): Promise<DispatchResult> {
  const result: DispatchResult = { processed: 0, failed: [] };
  for (const consumer of consumers.values()) {
    if (consumer.topics.length === 0) continue;
    const pending = await database.db
      .select()
      .from(outboxEvent)
      .where(
        and(
          inArray(outboxEvent.topic, [...consumer.topics]),
          sql`not exists (select 1 from outbox_consumption c where c.region_code = ${outboxEvent.regionCode} and c.event_id = ${outboxEvent.id} and c.consumer = ${consumer.name})`,
        ),
      )
      .orderBy(asc(outboxEvent.createdAt), asc(outboxEvent.id))
      .limit(limit);
    for (const event of pending) {
      try {
        const handled = await database.db.transaction(async (tx) => {
          const claimed = await tx
            .insert(outboxConsumption)
            .values({ regionCode: event.regionCode, consumer: consumer.name, eventId: event.id })
            .onConflictDoNothing()
            .returning({ id: outboxConsumption.eventId });
          if (claimed.length === 0) return false;
          await consumer.handle(tx as unknown as Db, event);
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
        inArray(outboxEvent.topic, [...consumer.topics]),
        sql`not exists (select 1 from outbox_consumption c where c.region_code = ${outboxEvent.regionCode} and c.event_id = ${outboxEvent.id} and c.consumer = ${consumerName})`,
      ),
    );
  return Number(row?.n ?? 0n);
}

/** Polls the outbox in the background; returns a function that stops it and waits for the last run. */
export function startOutboxWorker(database: Pick<Database, "db">, options: { intervalMs?: number; onError?: (e: DispatchResult["failed"][number]) => void } = {}): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = dispatchOutbox(database)
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

