// Crash safety (docs/security.md, promise 20): a real server process on PostgreSQL is killed with
// SIGKILL at random points while it imports a subsidy roster, writes a bank batch and imports the
// bank's result, 50 times in all (XIANGCAI_CRASH_KILLS), restarted each time, and after every restart
// the books are checked: no roster half imported, no batch without all its lines, no line paid twice,
// every indicator balanced and its reservations matching what was paid, the audit chain verifying.
// The interrupted command is then sent again with the same Idempotency-Key and must finish exactly once.
//
// PostgreSQL only (npm run test:db): production runs on PostgreSQL, whose write-ahead log is what
// makes a commit survive a kill. The embedded PGlite is for trying the platform out and is not
// claimed to survive a SIGKILL (docs/operations.md).
//
// The server reads the machine's clock (it is the product, started as in production), so what this
// test prepares for it is dated by the machine's clock too, not by the suite's TEST_NOW.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openTestDatabase, TEST_DATA_KEYS, type TestDatabase } from "../test/db.ts";
import { TEST_SECRETS_ENV } from "../test/keys.ts";
import { SERVER_ROOT } from "../test/importGraph.ts";
import type { Db } from "./platform/db.ts";
import { systemClock } from "./platform/clock.ts";
import { chinaDate, chinaYear } from "./platform/workingDays.ts";
import { seedDemo, DEMO_PASSWORD } from "./demo/seed.ts";
import { verifyAudit } from "./audit/index.ts";
import { generatedCard, generatedResidentId } from "./subsidy/fixtures.ts";
import { importRoster } from "./subsidy/rosters.ts";
import { moveRoster } from "./subsidy/rosterFlow.ts";
import { setRosterIndicator } from "./subsidy/rosterLines.ts";
import { subsidyDisbursement } from "./subsidy/tables.ts";
import { actorNamed, fundedIndicator, ROSTER_HEADER, xlsx } from "./subsidy/testKit.ts";

const KILLS = Number(process.env.XIANGCAI_CRASH_KILLS ?? 50);
const REPO_ROOT = path.resolve(SERVER_ROOT, "../..");
const VILLAGE = "329901101202";
const DAY = 86_400_000;
const LINES = 150;

type Kind = "rosterImport" | "bankBatch" | "bankResult";

let database: TestDatabase;
let db: Db;
let port = 0;
let server: ChildProcess | null = null;
let serverLog = "";
let year = 0;
let indicatorId = "";
let nextPerson = 1;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });

async function startServer(): Promise<void> {
  serverLog = "";
  const child = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...TEST_SECRETS_ENV, DATABASE_URL: database.serverUrl!, PORT: String(port), HOST: "127.0.0.1", XIANGCAI_LOG: "0", XIANGCAI_DEMO: "0", XIANGCAI_AUDIT_CHECKPOINT_MINUTES: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server = child;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited on start (${child.exitCode}): ${serverLog}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server did not start: ${serverLog}`);
}

async function killServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

interface Client {
  post(url: string, body: Buffer | object, key: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function login(username: string): Promise<Client> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const body = (await res.json()) as { csrfToken: string };
  const cookie = /xc_session=[^;]+/.exec(res.headers.get("set-cookie") ?? "")?.[0];
  if (!res.ok || !cookie) throw new Error(`login ${username}: ${res.status}`);
  return {
    async post(url, payload, key) {
      const file = Buffer.isBuffer(payload);
      const answer = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": body.csrfToken, "idempotency-key": key, "content-type": file ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json" },
        body: file ? new Uint8Array(payload) : JSON.stringify(payload),
      });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : null };
    },
  };
}

/** A roster file of `n` new people of 红旗村, none seen before (no finding needs a note). */
async function rosterFile(n: number): Promise<{ file: Buffer; totalFen: bigint }> {
  const rows: string[][] = [];
  let totalFen = 0n;
  for (let i = 1; i <= n; i++) {
    const k = nextPerson++;
    const mu = 1 + (k % 7);
    totalFen += BigInt(mu) * 10_550n;
    // An ID number has three digits of sequence: past 999 people, the next thousand are born a day later.
    rows.push([String(i), `测试户${k}`, generatedResidentId(`196203${String(1 + Math.floor(k / 1000)).padStart(2, "0")}`, k), generatedCard(20_000 + k), "青禾农商行", "红旗村", String(mu), "105.50", (mu * 105.5).toFixed(2), ""]);
  }
  return { file: await xlsx([ROSTER_HEADER, ...rows]), totalFen };
}

/** A roster taken through review and notice (ended yesterday), approved by the district on the indicator. */
async function rosterInPayment(sourceName: string): Promise<string> {
  const now = systemClock.now().getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const { file } = await rosterFile(LINES);
  return db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const clerk = await actorNamed(tx, "subsidy");
    const director = await actorNamed(tx, "director");
    const supervisor = await actorNamed(tx, "supervisor");
    const { roster } = await importRoster(tx, clerk, TEST_DATA_KEYS, { villageCode: VILLAGE, itemCode: "GDDLBH", period: String(year), sourceName }, file, at(12));
    const move = (who: typeof clerk, action: string, expectedState: string, when: Date) => moveRoster(tx, who, roster.id, { action, expectedState }, when);
    await move(clerk, "submit", "draft", at(12));
    await move(clerk, "villageApprove", "villageReview", at(12));
    await move(director, "townshipApprove", "townshipReview", at(11));
    await move(clerk, "endNotice", "notice", at(1));
    await setRosterIndicator(tx, clerk, roster.id, indicatorId, at(1));
    await move(supervisor, "districtApprove", "districtReview", at(1));
    return roster.id;
  });
}

const rows = async <T,>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

/** The books after a restart: what must hold whatever instant the server died at. */
async function checkInvariants(context: string): Promise<void> {
  const halfRosters = await rows(sql`
    select r.id, r.line_count, r.total_fen, count(l.line_no) as lines, coalesce(sum(l.amount_fen), 0) as fen
    from subsidy_roster r left join subsidy_roster_line l on l.region_code = r.region_code and l.roster_id = r.id
    where r.source_name like 'crash-%'
    group by r.id, r.line_count, r.total_fen
    having r.line_count <> count(l.line_no) or r.total_fen <> coalesce(sum(l.amount_fen), 0) or count(l.line_no) <> ${LINES}`);
  expect(halfRosters, `${context}: a roster imported in part`).toEqual([]);
  const halfBatches = await rows(sql`
    select b.id from subsidy_batch b left join subsidy_disbursement d on d.region_code = b.region_code and d.batch_id = b.id
    group by b.id, b.line_count, b.total_fen
    having b.line_count <> count(d.reference_no) or b.total_fen <> coalesce(sum(d.amount_fen), 0)`);
  expect(halfBatches, `${context}: a batch without all its lines`).toEqual([]);
  const paidTwice = await rows(sql`
    select d.roster_id, d.line_no from subsidy_disbursement d
    join subsidy_bank_result b on b.region_code = d.region_code and b.reference_no = d.reference_no and b.outcome = 'paid'
    group by d.roster_id, d.line_no having count(*) > 1`);
  expect(paidTwice, `${context}: a line paid twice`).toEqual([]);
  const paidUnrecorded = await rows(sql`
    select d.reference_no from subsidy_disbursement d
    join subsidy_bank_result b on b.region_code = d.region_code and b.reference_no = d.reference_no and b.outcome = 'paid'
    left join subsidy_line_payment p on p.region_code = d.region_code and p.reference_no = d.reference_no
    where p.reference_no is null`);
  expect(paidUnrecorded, `${context}: a paid bank result without its line payment`).toEqual([]);
  const unbalanced = await rows(sql`select id from budget_indicator where reserved_fen + paid_fen + available_fen <> issued_fen or available_fen < 0 or reserved_fen < 0`);
  expect(unbalanced, `${context}: an indicator out of balance`).toEqual([]);
  const reservations = await rows<{ id: string; settled: string; paid: string }>(sql`
    select v.id, v.settled_fen as settled, coalesce(sum(p.amount_fen), 0) as paid
    from indicator_reservation v
    join subsidy_roster r on r.region_code = v.region_code and r.id::text = v.source_id and v.source_type = 'subsidyRoster'
    left join subsidy_line_payment p on p.region_code = r.region_code and p.roster_id = r.id
    where r.source_name like 'crash-%'
    group by v.id, v.settled_fen`);
  expect(reservations.filter((r) => BigInt(r.settled) !== BigInt(r.paid)), `${context}: a reservation settled other than what was paid`).toEqual([]);
  const [reserved] = await rows<{ diff: string }>(sql`
    select i.reserved_fen - coalesce((select sum(v.amount_fen - v.settled_fen - v.released_fen) from indicator_reservation v where v.region_code = i.region_code and v.indicator_id = i.id), 0) as diff
    from budget_indicator i where i.id = ${indicatorId}`);
  expect(BigInt(reserved!.diff), `${context}: the indicator's reserved money differs from its open reservations`).toBe(0n);
  const verified = await verifyAudit(db);
  expect(verified.ok, `${context}: the audit chain breaks at ${verified.firstBroken?.regionCode} ${String(verified.firstBroken?.seq)} (${verified.firstBroken?.reason})`).toBe(true);
}

const expected: Record<Kind, number> = { rosterImport: 400, bankBatch: 400, bankResult: 400 };
const tally = { killed: 0, beforeAnswer: { rosterImport: 0, bankBatch: 0, bankResult: 0 } as Record<Kind, number> };

/**
 * Sends a command, kills the server at a random point within about the time the command takes, restarts
 * it and checks the books; then sends the command again under the same key until it has an answer.
 */
async function crashDuring(kind: Kind, send: (client: Client) => Promise<{ status: number; body: any }>, who: string, alreadyDone?: () => Promise<boolean>): Promise<{ status: number; body: any } | null> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const client = await login(who);
  const delay = Math.floor(Math.random() * expected[kind] * 1.3);
  let answered = false;
  const pending = send(client).then(
    () => (answered = true),
    () => undefined, // the connection dies with the server
  );
  await new Promise((r) => setTimeout(r, delay));
  await killServer();
  await pending;
  tally.killed++;
  if (!answered) tally.beforeAnswer[kind]++;
  await startServer();
  await checkInvariants(`after a kill ${delay} ms into ${kind}`);
  if (alreadyDone && (await alreadyDone())) return null;
  const started = Date.now();
  const answer = await send(await login(who));
  expected[kind] = Math.max(50, Date.now() - started);
  return answer;
}

const suite = process.env.TEST_DATABASE_URL ? describe : describe.skip;

suite("crash safety: SIGKILL during imports and bank batches (PostgreSQL)", () => {
  beforeAll(async () => {
    database = await openTestDatabase("empty");
    db = database.db;
    const now = systemClock.now();
    year = chinaYear(now);
    await db.transaction((tx) => seedDemo(tx as unknown as Db, TEST_DATA_KEYS, now));
    indicatorId = await fundedIndicator(db, 100_000_000_00n, new Date(now.getTime() - 20 * DAY));
    port = await freePort();
    await startServer();
  }, 600_000);
  afterAll(async () => {
    await killServer();
    await database?.close();
  });

  it(`keeps the books whole through ${KILLS} kills`, async () => {
    let round = 0;
    while (tally.killed < KILLS) {
      round++;
      // A roster import: all its lines or nothing.
      const { file } = await rosterFile(LINES);
      const sourceName = `crash-import-${round}.xlsx`;
      // A roster import takes no Idempotency-Key (a clerk sees the list): sent again only when it left nothing.
      const count = async () => Number(((await rows<{ n: string }>(sql`select count(*) as n from subsidy_roster where source_name = ${sourceName}`)) as [{ n: string }])[0].n);
      const imported = await crashDuring("rosterImport", (c) => c.post(`/subsidy/rosters/import?villageCode=${VILLAGE}&itemCode=GDDLBH&period=${year}&sourceName=${sourceName}`, file, `crash-import-${round}`), "subsidy", async () => (await count()) > 0);
      if (imported) expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect(await count(), "one roster, whole").toBe(1);
      if (tally.killed >= KILLS) break;

      // A bank batch of a roster in payment: all its lines or none.
      const rosterId = await rosterInPayment(`crash-paid-${round}.xlsx`);
      const batch = await crashDuring("bankBatch", (c) => c.post(`/subsidy/rosters/${rosterId}/batches`, { bankCode: "RCB", kind: "first" }, `crash-batch-${round}`), "cashier");
      expect(batch!.status, JSON.stringify(batch!.body)).toBe(201);
      expect(batch!.body).toMatchObject({ lineCount: LINES });
      const batchId = batch!.body.id as string;
      const lines = await db.select().from(subsidyDisbursement).where(eq(subsidyDisbursement.batchId, batchId));
      expect(lines).toHaveLength(LINES);
      if (tally.killed >= KILLS) break;

      // The bank's result: every line paid once, the indicator settled by exactly what was paid.
      const failed = new Set([lines[0]!.referenceNo]);
      const today = chinaDate(systemClock.now());
      const result = await xlsx([["参考号", "户名", "处理结果", "失败原因", "入账日期"], ...lines.map((l) => (failed.has(l.referenceNo) ? [l.referenceNo, l.name, "失败", "账户已销户", ""] : [l.referenceNo, l.name, "成功", "", today]))]);
      const imported2 = await crashDuring("bankResult", (c) => c.post(`/subsidy/batches/${batchId}/result`, result, `crash-result-${round}`), "cashier");
      expect(imported2!.status, JSON.stringify(imported2!.body)).toBe(200);
      const [{ paid, fen }] = (await rows<{ paid: string; fen: string }>(sql`select count(*) as paid, coalesce(sum(amount_fen), 0) as fen from subsidy_line_payment where roster_id = ${rosterId}`)) as [{ paid: string; fen: string }];
      expect(Number(paid)).toBe(LINES - 1);
      const paidFen = lines.filter((l) => !failed.has(l.referenceNo)).reduce((s, l) => s + l.amountFen, 0n);
      expect(BigInt(fen)).toBe(paidFen);
      await checkInvariants(`round ${round} finished`);
    }
    console.log(`crash test: ${tally.killed} kills in ${round} rounds; killed before the answer: ${JSON.stringify(tally.beforeAnswer)}`);
    // The random points must include the middle of each command, not only the quiet after it.
    for (const kind of Object.keys(tally.beforeAnswer) as Kind[]) if (KILLS >= 30) expect(tally.beforeAnswer[kind], kind).toBeGreaterThan(0);
  }, 1_800_000);
});
