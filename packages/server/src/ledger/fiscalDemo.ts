// Demo data of the fiscal general accounting: 青禾镇's own treasury books (财政总会计, set QH-ZKJ) with
// the year's opening balances, and the year so far of what posts into them by itself through the
// outbox: the treasury's daily revenue reports (several a month, by revenue class, one with a refund),
// quarterly remittances up (体制上解), and — from the budget demo — the payments paid and returned, the
// transfer from above recorded in the budget and the subsidies paid. The outbox worker posts them when
// the server starts (tests call dispatchOutbox).
import type { Db } from "../platform/db.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { recordRevenueReport } from "../treasury/index.ts";
import { recordRemittance } from "../budget/index.ts";
import { createAccountSet } from "./service.ts";
import { saveOpenings } from "./openings.ts";

export const DEMO_FISCAL_SET = { id: "0190c0de-0000-7000-8000-000329901188", code: "QH-ZKJ" } as const;
const QINGHE = "329901101";

interface DemoContext {
  actor(username: string): Actor;
  now: Date;
}

const at = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day, 2));
const date = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** One report's rows: amounts vary by month and day so the books look lived in. */
function reportRows(month: number, day: number): { revenueCode: string; amount: string }[] {
  const k = month * 31 + day;
  const rows = [
    { revenueCode: "1010101", amount: `${24_000 + (k % 17) * 310}.${String(k % 100).padStart(2, "0")}` },
    { revenueCode: "10106", amount: `${3_800 + (k % 7) * 60}.00` },
    { revenueCode: "10109", amount: `${2_600 + (k % 5) * 45}.50` },
    { revenueCode: "10304", amount: `${2_400 + (k % 9) * 70}.00` },
  ];
  if (day >= 20) rows.push({ revenueCode: "10119", amount: `${8_500 + (k % 11) * 190}.00` }, { revenueCode: "10307", amount: `${6_200 + (k % 3) * 400}.00` });
  if (day === 28 && month % 2 === 0) rows.push({ revenueCode: "10305", amount: "1500.00" });
  // A refund of VAT (退库) on one day of spring.
  if (month === 4 && day === 20) rows.push({ revenueCode: "10101", amount: "-1280.00" });
  // The township's share of a land transfer, once a year (政府性基金收入).
  if (month === 1 && day === 10) rows.push({ revenueCode: "10301", amount: "850000.00" });
  return rows;
}

export async function seedFiscalDemo(tx: Db, context: DemoContext): Promise<void> {
  const today = chinaDate(context.now);
  const year = Number.parseInt(today.slice(0, 4), 10);
  const thisMonth = Number.parseInt(today.slice(5, 7), 10);
  const thisDay = Number.parseInt(today.slice(8, 10), 10);
  const budget = context.actor("budget");
  const as = { userId: budget.userId, displayName: budget.displayName, scopePrefix: budget.scopePrefix };

  await createAccountSet(tx, as, { id: DEMO_FISCAL_SET.id, regionCode: QINGHE, code: DEMO_FISCAL_SET.code, name: "青禾镇财政总预算会计", year, kind: "fiscal" }, at(year, 1, 1));
  await saveOpenings(
    tx,
    as,
    DEMO_FISCAL_SET.id,
    [
      { account: "1001", debitFen: 4_860_000_00n, creditFen: 0n },
      { account: "1004", debitFen: 320_000_00n, creditFen: 0n },
      { account: "2017", debitFen: 0n, creditFen: 320_000_00n },
      { account: "3001", debitFen: 0n, creditFen: 4_060_000_00n },
      { account: "3031", debitFen: 0n, creditFen: 800_000_00n },
      { account: "800101", debitFen: 4_860_000_00n, creditFen: 0n },
      { account: "8031", debitFen: 0n, creditFen: 4_060_000_00n },
      { account: "8039", debitFen: 0n, creditFen: 800_000_00n },
    ],
    at(year, 1, 1),
  );

  // The treasury's daily revenue reports: on the 10th, 20th and 28th of each month so far.
  for (let month = 1; month <= thisMonth; month++) {
    for (const day of [10, 20, 28]) {
      if (month === thisMonth && day > thisDay) continue;
      const rows = reportRows(month, day);
      await recordRevenueReport(tx, budget, { regionCode: QINGHE, reportDate: date(year, month, day), source: "entered", rows: rows.map((r, i) => ({ line: i + 1, revenueCode: r.revenueCode, amountText: r.amount })) }, at(year, month, day));
    }
  }
  // Quarterly remittances up (体制上解) for the quarters already ended.
  for (const month of [3, 6, 9, 12]) {
    if (month >= thisMonth) break;
    await recordRemittance(tx, budget, { regionCode: QINGHE, fiscalYear: year, documentNo: `青财预〔${year}〕${month / 3 + 20}号`, kind: "system", fund: "generalBudget", amountFen: 52_000_00n + BigInt(month) * 100_00n, remittedOn: date(year, month, 25) }, at(year, month, 25));
  }
}
