// Proves the one route helper for idempotent commands (sendIdempotent, platform/idempotency.ts) on a
// real HTTP shell with real logins: a replay answers the stored result, says so, and changes nothing;
// the same key with another body is refused with IDEMPOTENCY_CONFLICT and changes nothing; a missing
// or malformed key is refused before anything runs; a failed command leaves no key behind, so the
// retry runs; keys are kept per region (by default the actor's, or the document's when the route says).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { identityAuth } from "../identity/index.ts";
import { registerDomains } from "../domains.ts";
import { registerDomainRoutes } from "../app.ts";
import { loginAs, type ApiClient } from "../../test/http.ts";
import { openTestDatabase, testConfig, type TestDatabase } from "../../test/db.ts";
import { buildHttp } from "./http.ts";
import { sendIdempotent } from "./idempotency.ts";
import { defineTopic, eventField, publish } from "./outbox.ts";
import { fail } from "./errors.ts";
import { idempotencyRecord, outboxEvent } from "./outboxTables.ts";
import { TEST_NOW } from "../../test/clock.ts";

const happened = defineTopic("test.commandRan", z.strictObject({ amount: eventField.yuan() }), { producer: "test", description: "a test command ran" });
const body = z.strictObject({ amount: z.string().regex(/^[0-9]+\.[0-9]{2}$/), refuse: z.boolean().default(false), regionCode: z.string().optional() });

async function testRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post("/test/commands", { schema: { body }, config: { auth: { permission: "payment.read" } } }, async (request, reply) =>
    sendIdempotent(request, reply, "test.command", async (tx) => {
      const regionCode = request.body.regionCode ?? request.session!.actor.regionCode;
      const id = await publish(tx, happened, { regionCode, payload: { amount: request.body.amount } }, TEST_NOW);
      if (request.body.refuse) fail("VALIDATION_FAILED", "测试命令被拒绝。");
      return { id, amount: request.body.amount };
    }, request.body.regionCode ? { regionCode: async () => request.body.regionCode!, status: 202 } : {}),
  );
}

let database: TestDatabase;
let app: FastifyInstance;
let clerk: ApiClient;
let otherClerk: ApiClient;

beforeAll(async () => {
  registerDomains();
  database = await openTestDatabase("demo");
  app = await buildHttp(testConfig(), database, { auth: identityAuth, registerRoutes: async (api) => {
    await registerDomainRoutes(api); // logins
    await api.register(testRoutes);
  } });
  await app.ready();
  clerk = await loginAs(app, "unitclerk");
  otherClerk = await loginAs(app, "budget2");
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const command = (client: ApiClient, key: string | null, payload: unknown) => client.request("POST", "/test/commands", payload, key === null ? {} : { "idempotency-key": key });
const ran = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(outboxEvent).where(eq(outboxEvent.topic, happened.name)))[0]!.n;
const keyRows = async (key: string) => database.db.select().from(idempotencyRecord).where(eq(idempotencyRecord.key, key));

describe("sendIdempotent: one helper for every idempotent command", () => {
  it("runs a command once; the replay answers the stored result, marked, and changes nothing", async () => {
    const before = await ran();
    const first = await command(clerk, "test-key-0001", { amount: "10.00" });
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await ran()).toBe(before + 1);

    const again = await command(clerk, "test-key-0001", { amount: "10.00" });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(await ran()).toBe(before + 1);
    expect(await keyRows("test-key-0001")).toHaveLength(1);
  });

  it("refuses the same key with a different body with a stable code, and changes nothing", async () => {
    await command(clerk, "test-key-0002", { amount: "10.00" });
    const before = await ran();
    const [stored] = await keyRows("test-key-0002");
    const conflict = await command(clerk, "test-key-0002", { amount: "10.01" });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe("IDEMPOTENCY_CONFLICT");
    expect(conflict.body.detail).toMatch(/Idempotency-Key/);
    expect(await ran()).toBe(before);
    expect(await keyRows("test-key-0002")).toEqual([stored]);
  });

  it("refuses a missing or malformed key before the command runs", async () => {
    const before = await ran();
    for (const key of [null, "short", "has space 123", "x".repeat(201)]) {
      const refused = await command(clerk, key, { amount: "1.00" });
      expect(refused.status, String(key)).toBe(400);
      expect(refused.body.code).toBe("VALIDATION_FAILED");
    }
    expect(await ran()).toBe(before);
  });

  it("leaves no key behind when the command fails, so the retry with the same key runs", async () => {
    const before = await ran();
    const failed = await command(clerk, "test-key-0003", { amount: "5.00", refuse: true });
    expect(failed.status).toBe(400);
    expect(await keyRows("test-key-0003")).toEqual([]);
    expect(await ran()).toBe(before);
    // The corrected request under the same key is a new command, not a conflict.
    const retry = await command(clerk, "test-key-0003", { amount: "5.00" });
    expect(retry.status).toBe(201);
    expect(await ran()).toBe(before + 1);
  });

  it("keeps keys per region: another township's same key is its own command", async () => {
    const before = await ran();
    const mine = await command(clerk, "test-key-0004", { amount: "7.00" });
    const theirs = await command(otherClerk, "test-key-0004", { amount: "7.00" });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await ran()).toBe(before + 2);
    expect((await keyRows("test-key-0004")).map((r) => r.regionCode).sort()).toEqual(["329901101", "329901102"]);
  });

  it("keys a command by the document's region when the route says so, with the route's status", async () => {
    const village = "329901101201";
    const first = await command(clerk, "test-key-0005", { amount: "3.00", regionCode: village });
    const again = await command(clerk, "test-key-0005", { amount: "3.00", regionCode: village });
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.body).toEqual(first.body);
    const rows = await database.db.select().from(idempotencyRecord).where(and(eq(idempotencyRecord.key, "test-key-0005"), eq(idempotencyRecord.regionCode, village)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.statusCode).toBe(202);
  });
});
