// Demo data of the ledger: 青禾镇's books — the township government's set with every month of the
// year so far posted and closed (quota, office and travel expenses, salaries accrued and paid by
// the treasury, a computer bought and depreciated, bank interest, petty cash), the current month
// open with vouchers waiting for review and posting, and the finance office's own set (where
// subsidy payments post) — and one posted voucher in 白塔镇 that the scope tests probe.
import { and, eq, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { budgetUnit } from "../org/index.ts";
import type { Actor } from "../identity/index.ts";
import { addSubAccount, closeMonth, createAccountSet, enterVoucher, postVoucher, reviewVoucher, type LedgerActor } from "./service.ts";
import type { LineInput } from "./rules.ts";

/** Fixed identifiers, so tests in other files can address 白塔镇's demo set and voucher. */
export const DEMO_LEDGER_IDS = {
  qingheSet: "0190c0de-0000-7000-8000-000329901101",
  qingheOwnSet: "0190c0de-0000-7000-8000-000329901199",
  baitaSet: "0190c0de-0000-7000-8000-000329901102",
  baitaVoucher: "0190c0de-0001-7000-8000-000329901102",
} as const;

interface DemoContext {
  actor(username: string): Actor;
  now: Date;
}

const as = (a: Actor): LedgerActor => ({ userId: a.userId, displayName: a.displayName, scopePrefix: a.scopePrefix });
const yuan = (text: string) => {
  const [i, d = ""] = text.split(".");
  return BigInt(i!) * 100n + BigInt((d + "00").slice(0, 2));
};
const dr = (account: string, amount: string, aux?: LineInput["aux"]): LineInput => ({ account, debitFen: yuan(amount), creditFen: 0n, aux });
const cr = (account: string, amount: string, aux?: LineInput["aux"]): LineInput => ({ account, debitFen: 0n, creditFen: yuan(amount), aux });
const f = (functional: string, economic?: string) => (economic ? { functional, economic } : { functional });

/** One month of the township government's routine entries; amounts vary a little by month. */
function monthOf(month: number): { day: number; summary: string; lines: LineInput[]; confirmParallel?: boolean }[] {
  const vary = (base: number) => `${base + ((month * 37) % 9) * 100}.00`;
  const quota = vary(180000);
  const office = vary(4200);
  const travel = `${1800 + month * 35}.50`;
  const salary = "96000.00";
  const entries: { day: number; summary: string; lines: LineInput[]; confirmParallel?: boolean }[] = [
    { day: 3, summary: `收到${month}月财政授权支付额度`, lines: [dr("1011", quota), cr("4001", quota), dr("800101", quota), cr("60010101", quota, f("2010101"))] },
    { day: 8, summary: `支付${month}月办公用品及印刷费`, lines: [dr("5101", office), cr("1011", office), dr("7101010101", office, f("2010101", "30201")), cr("800101", office)] },
    { day: 12, summary: `报销${month}月差旅费`, lines: [dr("5101", travel), cr("1011", travel), dr("7101010101", travel, f("2010101", "30211")), cr("800101", travel)] },
    { day: 14, summary: `计提${month}月工资`, lines: [dr("5001", salary), cr("2201", salary)] },
    { day: 15, summary: `财政直接支付${month}月工资`, lines: [dr("2201", salary), cr("4001", salary), dr("7101010101", salary, f("2010101", "30101")), cr("60010101", salary, f("2010101"))] },
    { day: 20, summary: "提取备用金", lines: [dr("1001", "2000.00"), cr("100201", "2000.00")], confirmParallel: true },
    { day: 21, summary: "现金支付会议茶水费", lines: [dr("5101", "650.00"), cr("1001", "650.00"), dr("7101010101", "650.00", f("2010101", "30215")), cr("800102", "650.00")] },
  ];
  if (month === 1) entries.unshift({ day: 2, summary: "收到区农业农村局拨付的上级补助资金", lines: [dr("100201", "50000.00"), cr("4201", "50000.00"), dr("800102", "50000.00"), cr("6201", "50000.00")] });
  if (month % 3 === 0) entries.push({ day: 21, summary: `收到第${month / 3}季度存款利息`, lines: [dr("100201", "1260.35"), cr("4604", "1260.35"), dr("800102", "1260.35"), cr("6609", "1260.35")] });
  if (month === 3) entries.push({ day: 25, summary: "购置办公电脑5台", lines: [dr("1601", "29500.00"), cr("1011", "29500.00"), dr("7101010101", "29500.00", f("2010101", "31002")), cr("800101", "29500.00")] });
  if (month > 3) entries.push({ day: 28, summary: `计提${month}月固定资产折旧`, lines: [dr("5101", "491.67"), cr("1602", "491.67")] });
  return entries;
}

export async function seedLedgerDemo(tx: Db, context: DemoContext): Promise<void> {
  const today = chinaDate(context.now);
  const year = Number.parseInt(today.slice(0, 4), 10);
  const thisMonth = Number.parseInt(today.slice(5, 7), 10);
  const thisDay = Number.parseInt(today.slice(8, 10), 10);
  const preparer = as(context.actor("unitacct"));
  const reviewer = as(context.actor("budget"));
  const [government] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, "329901101"), like(budgetUnit.name, "%人民政府")));
  invariant(government, "the demo township government is a budget unit");

  const set = await createAccountSet(tx, reviewer, { id: DEMO_LEDGER_IDS.qingheSet, regionCode: "329901101", code: "QH-01", name: "青禾镇人民政府", year, budgetUnitId: government.id }, context.now);
  await addSubAccount(tx, reviewer, set.id, { parentCode: "1002", code: "100201", name: "农商银行基本户" }, context.now);
  await createAccountSet(tx, reviewer, { id: DEMO_LEDGER_IDS.qingheOwnSet, regionCode: "329901101", code: "QH-02", name: "青禾镇财政所本级（惠民惠农补贴）", year }, context.now);

  const book = async (date: string, entry: ReturnType<typeof monthOf>[number], state: "posted" | "reviewed" | "entered" = "posted", by = preparer) => {
    const v = await enterVoucher(tx, by, set.id, { date, summary: entry.summary, lines: entry.lines, confirmParallel: entry.confirmParallel, attachments: 2 }, context.now);
    if (state === "entered") return;
    await reviewVoucher(tx, reviewer, v.id, context.now);
    if (state === "reviewed") return;
    await postVoucher(tx, reviewer, v.id, context.now);
  };
  for (let month = 1; month < thisMonth; month++) {
    for (const entry of monthOf(month)) await book(`${year}-${String(month).padStart(2, "0")}-${String(entry.day).padStart(2, "0")}`, entry);
    await closeMonth(tx, reviewer, set.id, year, month, context.now);
  }
  // The current month: what happened so far is posted; the latest are waiting for review and posting.
  // Early in a month (fewer than two entries dated so far), its first two entries are dated today, so
  // one voucher always waits for posting and one for review (README: 本月有待审核、待记账的凭证).
  const dueSoFar = monthOf(thisMonth).filter((e) => e.day <= thisDay);
  const current = dueSoFar.length >= 2 ? dueSoFar : monthOf(thisMonth).slice(0, 2);
  const mm = String(thisMonth).padStart(2, "0");
  for (const [i, entry] of current.entries()) {
    const date = `${year}-${mm}-${String(Math.min(entry.day, thisDay)).padStart(2, "0")}`;
    if (i < current.length - 2) await book(date, entry);
    else if (i === current.length - 2) await book(date, entry, "reviewed");
    else await book(date, entry, "entered", as(context.actor("cashier")));
  }

  // 白塔镇: one posted voucher under fixed identifiers.
  const budget2 = as(context.actor("budget2"));
  const baita = await createAccountSet(tx, budget2, { id: DEMO_LEDGER_IDS.baitaSet, regionCode: "329901102", code: "BT-01", name: "白塔镇人民政府", year }, context.now);
  const v = await enterVoucher(tx, budget2, baita.id, { date: `${year}-${mm}-01`, summary: "收到财政授权支付额度", lines: [dr("1011", "150000.00"), cr("4001", "150000.00"), dr("800101", "150000.00"), cr("60010101", "150000.00")] }, context.now, { id: DEMO_LEDGER_IDS.baitaVoucher });
  await reviewVoucher(tx, as(context.actor("director2")), v.id, context.now);
  await postVoucher(tx, budget2, v.id, context.now);
}
