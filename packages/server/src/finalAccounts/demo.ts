// Demo data of the final accounts, in several states:
// - 白塔镇's previous year closed: its fiscal general books of that year (kept by hand: monthly revenue,
//   the transfer from the district, the remittances up), its 决算说明, its final accounts prepared,
//   submitted, accepted and locked by the district, and published to residents within 20 days;
// - 青禾镇's current year ready to close, with a planted inconsistency a new user finds: a fiscal
//   voucher entered by hand for spending the treasury already paid (the automatic posting made it
//   twice), so 2010301's 决算数 exceeds the treasury's paid total until the voucher is reversed;
// - 青禾镇's approved budget of the current year published at the kiosk.
import { and, eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { createAccountSet, enterVoucher, postVoucher, reviewVoucher, fiscalSetOf, type LedgerActor } from "../ledger/index.ts";
import { prepareReport, reviewReport, submitReport } from "../reporting/index.ts";
import { congressResolution } from "../budget/index.ts";
import { saveNote } from "./service.ts";
import { publishDocument } from "./publication.ts";
import { FINAL_ACCOUNTS_REPORT } from "./report.ts";

interface DemoContext {
  actor(username: string): Actor;
  now: Date;
}

const QINGHE = "329901101";
const BAITA = "329901102";
export const DEMO_BAITA_FISCAL_SET = { id: "0190c0de-0000-7000-8000-000329901288", code: "BT-ZKJ" } as const;
/** The planted voucher's summary (the browser flow and tests find it by this). */
export const PLANTED_SUMMARY = "补记：镇政府办公设备采购（重复记账）";
export const PLANTED_AMOUNT = "38500.00";

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`);
const ledgerActor = (a: Actor): LedgerActor => ({ userId: a.userId, displayName: a.displayName, scopePrefix: a.scopePrefix });

/** A voucher entered and posted by the accountant, reviewed by another person (the ledger keeps the two apart). */
async function post(tx: Db, enter: Actor, review: Actor, setId: string, input: Parameters<typeof enterVoucher>[3], when: Date) {
  const v = await enterVoucher(tx, ledgerActor(enter), setId, input, when);
  await reviewVoucher(tx, ledgerActor(review), v.id, new Date(when.getTime() + 3_600_000));
  return postVoucher(tx, ledgerActor(enter), v.id, new Date(when.getTime() + 7_200_000));
}

const fenOf = (yuan: number) => BigInt(Math.round(yuan * 100));

export async function seedFinalAccountsDemo(tx: Db, context: DemoContext): Promise<void> {
  const today = chinaDate(context.now);
  const year = Number(today.slice(0, 4));
  const last = year - 1;
  const budget2 = context.actor("budget2");
  const director2 = context.actor("director2");
  const supervisor = context.actor("supervisor");

  // ---- 白塔镇, last year: books kept by hand, final accounts accepted and published.
  await createAccountSet(tx, ledgerActor(budget2), { id: DEMO_BAITA_FISCAL_SET.id, regionCode: BAITA, code: DEMO_BAITA_FISCAL_SET.code, name: "白塔镇财政总预算会计", year: last, kind: "fiscal" }, at(`${last}-01-02`));
  for (let month = 1; month <= 12; month++) {
    const mm = String(month).padStart(2, "0");
    const tax = 18_000 + month * 730.5;
    const fee = 2_100 + (month % 4) * 150;
    const lines = [
      { account: "1001", debitFen: fenOf(tax + fee), creditFen: 0n },
      { account: "4001", debitFen: 0n, creditFen: fenOf(tax), aux: { revenue: "1010101" } },
      { account: "4002", debitFen: 0n, creditFen: fenOf(fee), aux: { revenue: "10304" } },
      { account: "800101", debitFen: fenOf(tax + fee), creditFen: 0n },
      { account: "6001", debitFen: 0n, creditFen: fenOf(tax), aux: { revenue: "1010101" } },
      { account: "6001", debitFen: 0n, creditFen: fenOf(fee), aux: { revenue: "10304" } },
    ];
    await post(tx, budget2, director2, DEMO_BAITA_FISCAL_SET.id, { date: `${last}-${mm}-28`, summary: `${month}月国库收入日报汇总`, lines }, at(`${last}-${mm}-28`));
  }
  const transfer = fenOf(620_000);
  await post(tx, budget2, director2, DEMO_BAITA_FISCAL_SET.id, {
    date: `${last}-03-15`,
    summary: `收到区财政一般性转移支付（青财预〔${last}〕12号）`,
    lines: [
      { account: "1001", debitFen: transfer, creditFen: 0n },
      { account: "4011", debitFen: 0n, creditFen: transfer },
      { account: "800101", debitFen: transfer, creditFen: 0n },
      { account: "601101", debitFen: 0n, creditFen: transfer },
    ],
  }, at(`${last}-03-15`));
  for (const month of [6, 12]) {
    const fen = fenOf(31_000);
    await post(tx, budget2, director2, DEMO_BAITA_FISCAL_SET.id, {
      date: `${last}-${String(month).padStart(2, "0")}-25`,
      summary: `体制上解（白财预〔${last}〕${month}号）`,
      lines: [
        { account: "5012", debitFen: fen, creditFen: 0n },
        { account: "1001", debitFen: 0n, creditFen: fen },
        { account: "701201", debitFen: fen, creditFen: 0n },
        { account: "800101", debitFen: 0n, creditFen: fen },
      ],
    }, at(`${last}-${String(month).padStart(2, "0")}-25`));
  }
  await saveNote(tx, budget2, { regionCode: BAITA, year: last, text: `${last}年白塔镇本级收入全部为税收和行政事业性收费，收到区财政一般性转移支付62万元，按体制上解区财政6.2万元。本年未安排本级支出，收支结余全部结转下年，用于${year}年农田水利设施维修项目。镇无政府债务。` }, at(`${year}-01-20`));
  const prepared = await prepareReport(tx, budget2, { kindCode: FINAL_ACCOUNTS_REPORT, regionCode: BAITA, period: String(last) }, at(`${year}-02-10`));
  await submitReport(tx, budget2, prepared.id, { version: prepared.version, note: "白塔镇上年账由人工记账，决算数据已与国库对账。" }, at(`${year}-02-11`));
  await reviewReport(tx, supervisor, prepared.id, { action: "accept", note: "审核通过。" }, at(`${year}-02-20`));
  await publishDocument(tx, director2, { kind: "finalAccount", regionCode: BAITA, year: last }, at(`${year}-03-02`));

  // ---- 青禾镇, this year: ready to close, with one voucher posted twice by hand.
  const budget = context.actor("budget");
  const director = context.actor("director");
  const fiscal = await fiscalSetOf(tx, QINGHE);
  if (fiscal) {
    const fen = 38_500_00n;
    await post(tx, budget, director, fiscal.id, {
      date: today,
      summary: PLANTED_SUMMARY,
      lines: [
        { account: "5002", debitFen: fen, creditFen: 0n, aux: { functional: "2010301", economic: "30201" } },
        { account: "1001", debitFen: 0n, creditFen: fen },
        { account: "7001", debitFen: fen, creditFen: 0n, aux: { functional: "2010301", economic: "30201" } },
        { account: "800101", debitFen: 0n, creditFen: fen },
      ],
    }, new Date(context.now.getTime() - 2 * 3_600_000));
  }
  // The budget the congress approved in January, published at the kiosk nine days later (or just now, early in January).
  const [resolution] = await tx.select({ on: congressResolution.resolvedOn }).from(congressResolution).where(and(eq(congressResolution.regionCode, QINGHE), eq(congressResolution.fiscalYear, year), eq(congressResolution.kind, "budgetApproval")));
  if (resolution) {
    const nineDaysOn = at(resolution.on, 15).getTime() + 9 * 86_400_000;
    await publishDocument(tx, director, { kind: "budget", regionCode: QINGHE, year }, new Date(Math.min(nineDaysOn, context.now.getTime() - 3_600_000)));
  }
}
