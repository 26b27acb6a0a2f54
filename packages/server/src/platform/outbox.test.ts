// Proves the shared money mechanisms: an outbox event written with a change is handled exactly once
// per consumer, even when dispatch runs twice at once, and retried after a failed handling; an
// idempotency key returns the first answer for the same body, refuses a different body, and leaves
// nothing behind when the command fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Db } from "./db.ts";
import { z } from "zod";
import { defineTopic, dispatchOutbox, eventField, pendingCount, publish, registerConsumer, unregisterConsumer, type OutboxEvent } from "./outbox.ts";
import { idempotencyKeyOf, withIdempotency } from "./idempotency.ts";
import { idempotencyRecord } from "./outboxTables.ts";
import { DomainError } from "./errors.ts";
import { TEST_NOW } from "../../test/clock.ts";

const happened = defineTopic("test.happened", z.strictObject({ i: z.number(), amountFen: z.string() }), { producer: "test", description: "counted" });
const flaky = defineTopic("test.flaky", z.strictObject({ n: z.number() }), { producer: "test", description: "fails once" });
const rolledBack = defineTopic("test.rolledBack", z.strictObject({}), { producer: "test", description: "never committed" });
const fixed = defineTopic("test.fixed", z.strictObject({}), { producer: "test", description: "written once" });
const typed = defineTopic("test.typed", z.strictObject({ amount: eventField.yuan(), on: eventField.date(), count: eventField.count() }), { producer: "test", description: "typed" });

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("empty");
});
afterAll(async () => database?.close());

describe("the outbox", () => {
  it("hands each event to each consumer exactly once, even with two dispatchers at once", async () => {
    const seen: string[] = [];
    registerConsumer({ name: "test.counter", topics: [happened], handle: async (_tx, event: OutboxEvent) => void seen.push(event.id) });
    try {
      const ids = await database.db.transaction(async (tx) => {
        const out: string[] = [];
        for (let i = 0; i < 5; i++) out.push(await publish(tx as unknown as Db, happened, { regionCode: "329901101", payload: { i, amountFen: "100" } }, TEST_NOW));
        return out;
      });
      expect(await pendingCount(database.db, "test.counter")).toBe(5);
      const [a, b] = await Promise.all([dispatchOutbox(database), dispatchOutbox(database)]);
      expect(a.processed + b.processed).toBe(5);
      expect(seen.sort()).toEqual([...ids].sort());
      expect((await dispatchOutbox(database)).processed).toBe(0);
      expect(await pendingCount(database.db, "test.counter")).toBe(0);
    } finally {
      unregisterConsumer("test.counter");
    }
  });

  it("keeps an event whose handling failed and hands it over again next time", async () => {
    let fail = true;
    const handled: unknown[] = [];
    registerConsumer({
      name: "test.flaky",
      topics: [flaky],
      handle: async (_tx, event) => {
        if (fail) throw new Error("down for a moment");
        handled.push(event.payload);
      },
    });
    try {
      await database.db.transaction((tx) => publish(tx as unknown as Db, flaky, { regionCode: "329901101", payload: { n: 1 } }, TEST_NOW));
      const first = await dispatchOutbox(database);
      expect(first.failed).toHaveLength(1);
      expect(await pendingCount(database.db, "test.flaky")).toBe(1);
      fail = false;
      expect((await dispatchOutbox(database)).processed).toBe(1);
      expect(handled).toEqual([{ n: 1 }]);
    } finally {
      unregisterConsumer("test.flaky");
    }
  });

  it("loses no event when the producing change rolls back, and keeps none either", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await publish(tx as unknown as Db, rolledBack, { regionCode: "329901101", payload: {} }, TEST_NOW);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const [row] = await database.db.execute(sql`select count(*) as n from outbox_event where topic = 'test.rolledBack'`).then((r) => (r as unknown as { rows: { n: bigint }[] }).rows);
    expect(BigInt(row!.n)).toBe(0n);
  });

  it("refuses a payload that does not match its topic's declaration, and writes nothing", async () => {
    const bad = [{ amount: "12.5", on: "2026-03-01", count: 1 }, { amount: "12.50", on: "2026-3-1", count: 1 }, { amount: "12.50", on: "2026-03-01", count: -1 }, { amount: "12.50", on: "2026-03-01", count: 1, extra: true }];
    for (const payload of bad) {
      await expect(database.db.transaction((tx) => publish(tx as unknown as Db, typed, { regionCode: "329901101", payload: payload as never }, TEST_NOW))).rejects.toThrow(/does not match its declaration/);
    }
    const [row] = await database.db.execute(sql`select count(*) as n from outbox_event where topic = 'test.typed'`).then((r) => (r as unknown as { rows: { n: bigint }[] }).rows);
    expect(BigInt(row!.n)).toBe(0n);
  });

  it("hands a consumer the payload parsed by its topic, and keeps an event whose stored payload does not match", async () => {
    const seen: unknown[] = [];
    registerConsumer({ name: "test.typed", topics: [typed], handle: async (_tx, event) => void seen.push(event.payload.amount) });
    try {
      await database.db.transaction((tx) => publish(tx as unknown as Db, typed, { regionCode: "329901101", payload: { amount: "0.00", on: "2026-03-01", count: 0 } }, TEST_NOW));
      expect((await dispatchOutbox(database)).processed).toBe(1);
      expect(seen).toEqual(["0.00"]);
      // Written behind publish's back (an old or hand-made row): not handed over, reported, kept.
      await database.db.execute(sql`insert into outbox_event (region_code, id, topic, payload) values ('329901101', gen_random_uuid(), 'test.typed', '{"amount": 1}')`);
      const result = await dispatchOutbox(database);
      expect(result.failed.map((f) => f.error)).toEqual([expect.stringMatching(/does not match its declaration/)]);
      expect(await pendingCount(database.db, "test.typed")).toBe(1);
      expect(seen).toHaveLength(1);
    } finally {
      unregisterConsumer("test.typed");
    }
  });

  it("refuses changes to a written event", async () => {
    await database.db.transaction((tx) => publish(tx as unknown as Db, fixed, { regionCode: "329901101", payload: {} }, TEST_NOW));
    await expect(database.db.execute(sql`update outbox_event set topic = 'test.other' where topic = 'test.fixed'`)).rejects.toThrow();
  });
});

describe("idempotency keys", () => {
  const command = (tx: Db, key: string, request: unknown, run: () => Promise<{ status: number; body: unknown }>) =>
    withIdempotency(tx, { regionCode: "329901101", key, command: "test.pay", actorId: null, request }, run);

  it("runs a command once and returns its first answer for the same key and body", async () => {
    let runs = 0;
    const run = async () => ({ status: 201, body: { paymentId: `p${++runs}`, amount: "10.00" } });
    const first = await database.db.transaction((tx) => command(tx as unknown as Db, "key-00000001", { amount: "10.00" }, run));
    const again = await database.db.transaction((tx) => command(tx as unknown as Db, "key-00000001", { amount: "10.00" }, run));
    expect(first).toEqual({ status: 201, body: { paymentId: "p1", amount: "10.00" }, replayed: false });
    expect(again).toEqual({ status: 201, body: { paymentId: "p1", amount: "10.00" }, replayed: true });
    expect(runs).toBe(1);
  });

  it("refuses the same key with a different body", async () => {
    const run = async () => ({ status: 201, body: {} });
    await database.db.transaction((tx) => command(tx as unknown as Db, "key-00000002", { amount: "10.00" }, run));
    const conflict = database.db.transaction((tx) => command(tx as unknown as Db, "key-00000002", { amount: "10.01" }, run));
    await expect(conflict).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === "IDEMPOTENCY_CONFLICT" && e.status === 409);
  });

  it("keeps no key when the command fails, so the retry runs it", async () => {
    const failing = database.db.transaction((tx) => command(tx as unknown as Db, "key-00000003", {}, async () => { throw new DomainError("VALIDATION_FAILED", "不行"); }));
    await expect(failing).rejects.toThrow();
    expect(await database.db.select().from(idempotencyRecord).where(eq(idempotencyRecord.key, "key-00000003"))).toEqual([]);
    const retry = await database.db.transaction((tx) => command(tx as unknown as Db, "key-00000003", {}, async () => ({ status: 200, body: { ok: true } })));
    expect(retry.replayed).toBe(false);
  });

  it("runs one of two concurrent commands with the same key; the other gets its answer", async () => {
    let runs = 0;
    const run = async () => ({ status: 201, body: { n: ++runs } });
    const results = await Promise.all([1, 2].map(() => database.db.transaction((tx) => command(tx as unknown as Db, "key-00000004", { a: 1 }, run))));
    expect(runs).toBe(1);
    expect(results.map((r) => r.body)).toEqual([{ n: 1 }, { n: 1 }]);
    expect(results.filter((r) => r.replayed)).toHaveLength(1);
  });

  it("requires a well-formed Idempotency-Key header", () => {
    expect(idempotencyKeyOf({ headers: { "idempotency-key": "2026-11-26:pay:0001" } })).toBe("2026-11-26:pay:0001");
    for (const bad of [undefined, "", "short", "has space in it", "x".repeat(201)]) {
      expect(() => idempotencyKeyOf({ headers: { "idempotency-key": bad } })).toThrow(/Idempotency-Key/);
    }
    expect(idempotencyKeyOf({ headers: { "idempotency-key": "x".repeat(200) } })).toHaveLength(200);
    expect(idempotencyKeyOf({ headers: { "idempotency-key": "12345678" } })).toBe("12345678");
  });
});
