// When the rules run by themselves: on the outbox events that concern them (a payment entered, paid,
// returned or refunded; a roster submitted; subsidy lines paid), and on a schedule per district. The
// 事前 rules run as soon as a payment is entered or a roster submitted, before any money moves. Every process may tick, but each
// piece of work takes the one run lock first (a transaction-level advisory lock) and decides inside
// it whether the work is still due — the schedule from the runs recorded in the database, the event
// requests from their table — so two processes never run the same work twice.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import type { Clock } from "../platform/clock.ts";
import { readSetting } from "../platform/settings.ts";
import type { OutboxConsumer } from "../platform/outbox.ts";
import { region } from "../platform/regionTable.ts";
import { paymentEnteredTopic, paymentPaidTopic, paymentRefundedTopic, paymentReturnedTopic } from "../treasury/index.ts";
import { linesPaidTopic, rosterSubmittedTopic } from "../subsidy/index.ts";
import type { RuleCode } from "./rules.ts";
import { runRules, SYSTEM_NAME, takeRunLock, type RunResult } from "./runner.ts";
import { runEveryHoursSetting } from "./settings.ts";
import { issueMonthlyReports } from "./reports.ts";
import { supervisionRun, supervisionRunRequest } from "./tables.ts";

/** The rules an event concerns: a run of just those, for the event's township, follows soon after. */
export const rulesByTopic: Record<string, readonly RuleCode[]> = {
  // 事前: what may be checked of a payment just entered, of a roster just submitted.
  [paymentEnteredTopic.name]: ["LARGE_WITHOUT_ATTACHMENT"],
  [rosterSubmittedTopic.name]: ["DUPLICATE_ACROSS_REGIONS"],
  [paymentPaidTopic.name]: ["SPLIT_PAYMENT", "PERSONAL_ACCOUNT_LARGE", "PAYEE_IS_STAFF", "LARGE_WITHOUT_ATTACHMENT", "YEAR_END_SURGE", "IDLE_FUNDS"],
  [paymentReturnedTopic.name]: ["SPLIT_PAYMENT", "YEAR_END_SURGE"],
  [paymentRefundedTopic.name]: ["YEAR_END_SURGE"],
  [linesPaidTopic.name]: ["CARD_SHARED", "DECEASED_PAID", "PAYEE_IS_STAFF", "DUPLICATE_ACROSS_REGIONS", "SUBSIDY_LATE"],
};

type ConsumedTopic = typeof paymentEnteredTopic | typeof paymentPaidTopic | typeof paymentReturnedTopic | typeof paymentRefundedTopic | typeof rosterSubmittedTopic | typeof linesPaidTopic;

/** Takes the treasury and subsidy events that concern the rules and asks for a run (one request per township and rule). */
export const supervisionConsumer: OutboxConsumer<ConsumedTopic> = {
  name: "supervision",
  topics: [paymentEnteredTopic, paymentPaidTopic, paymentReturnedTopic, paymentRefundedTopic, rosterSubmittedTopic, linesPaidTopic],
  async handle(tx, event, at) {
    const township = event.regionCode.slice(0, 9);
    const wanted = rulesByTopic[event.topic] ?? [];
    if (wanted.length === 0) return;
    await tx
      .insert(supervisionRunRequest)
      .values(wanted.map((ruleCode) => ({ regionCode: township, ruleCode, requestedAt: at, eventId: event.id })))
      .onConflictDoNothing();
  },
};

const SYSTEM = { id: null, name: SYSTEM_NAME };
/** The most run requests one tick takes (14 townships × 10 rules fit in one). */
export const REQUESTS_PER_TICK_MAX = 1_000;

export interface TickResult {
  /** Runs made for event requests, for scheduled districts. */
  eventRuns: RunResult[];
  scheduledRuns: RunResult[];
  reportsIssued: number;
  /** Work skipped because another runner held the lock. */
  busy: number;
}

type Transactional = Pick<Db, "transaction">;

/** Runs the rules outbox events asked for, township by township, then forgets the requests. */
async function runRequested(db: Transactional, keys: DataKeys | null, now: Date): Promise<RunResult[] | null> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (!(await takeRunLock(tx, false))) return null;
    const requests = await tx.select().from(supervisionRunRequest).orderBy(asc(supervisionRunRequest.regionCode), asc(supervisionRunRequest.ruleCode)).limit(REQUESTS_PER_TICK_MAX);
    const byTownship = new Map<string, typeof requests>();
    for (const r of requests) byTownship.set(r.regionCode, [...(byTownship.get(r.regionCode) ?? []), r]);
    const runs: RunResult[] = [];
    for (const [township, asked] of byTownship) {
      const run = await runRules(tx, { scopePrefix: township, rules: asked.map((r) => r.ruleCode), trigger: "event", actor: SYSTEM, keys }, now, { wait: true });
      if (run) runs.push(run);
      // Only the requests this run answered: one an event added meanwhile waits for the next tick.
      for (const r of asked) await tx.delete(supervisionRunRequest).where(and(eq(supervisionRunRequest.regionCode, r.regionCode), eq(supervisionRunRequest.ruleCode, r.ruleCode), eq(supervisionRunRequest.requestedAt, r.requestedAt)));
    }
    return runs;
  });
}

/** Runs every rule over each district whose last scheduled run is older than its interval. */
async function runScheduled(db: Transactional, keys: DataKeys | null, now: Date): Promise<RunResult[] | null> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (!(await takeRunLock(tx, false))) return null;
    const districts = await tx.select({ code: region.regionCode }).from(region).where(eq(region.level, "district")).orderBy(asc(region.regionCode));
    const runs: RunResult[] = [];
    for (const { code } of districts) {
      const hours = await readSetting(tx, code, runEveryHoursSetting);
      if (hours === 0) continue;
      const [last] = await tx.select({ at: sql<Date | null>`max(${supervisionRun.startedAt})` }).from(supervisionRun).where(and(eq(supervisionRun.regionCode, code), eq(supervisionRun.trigger, "schedule")));
      const lastAt = last?.at ? new Date(last.at) : null;
      if (lastAt && now.getTime() - lastAt.getTime() < hours * 3_600_000) continue;
      const run = await runRules(tx, { scopePrefix: code.slice(0, 6), trigger: "schedule", actor: SYSTEM, keys }, now, { wait: true });
      if (run) runs.push(run);
    }
    return runs;
  });
}

async function issueReports(db: Transactional, now: Date): Promise<number | null> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (!(await takeRunLock(tx, false))) return null;
    return issueMonthlyReports(tx, now);
  });
}

/** One tick of the scheduler: event requests, due districts, last month's reports. Safe in several processes at once. */
export async function supervisionTick(db: Transactional, keys: DataKeys | null, now: Date): Promise<TickResult> {
  const result: TickResult = { eventRuns: [], scheduledRuns: [], reportsIssued: 0, busy: 0 };
  const events = await runRequested(db, keys, now);
  if (events === null) result.busy++;
  else result.eventRuns = events;
  const scheduled = await runScheduled(db, keys, now);
  if (scheduled === null) result.busy++;
  else result.scheduledRuns = scheduled;
  const reports = await issueReports(db, now);
  if (reports === null) result.busy++;
  else result.reportsIssued = reports;
  return result;
}

/** Ticks in the background; returns a function that stops and waits for the tick under way. */
export function startSupervisionScheduler(db: Transactional, options: { keys: DataKeys | null; clock: Clock; intervalMs?: number; onError?: (error: unknown) => void }): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    // A tick still under way (a long district run) is not joined by another from this process.
    if (stopped || running) return;
    running = supervisionTick(db, options.keys, options.clock.now())
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? 60_000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (running) await running;
  };
}
