// Proves the year-closing plan (closing.ts) against figures worked out by hand: a 行政单位 (the
// township government) and a 事业单位 with business income, special-purpose and other funds,
// 专用基金 and 专用结余 set aside, completed projects' residue, and the refusals at the bounds.
// Every planned voucher balances per basis; after the plan, revenue, expense, budget revenue and
// expenditure and the carry-over intermediaries are zero.
import { describe, expect, it } from "vitest";
import { builtInChart } from "./service.ts";
import { fundOf, planYearClosing, type ClosingOptions } from "./closing.ts";
import { basisOfCode, type ChartAccount } from "./rules.ts";

const y = (yuan: number) => BigInt(Math.round(yuan * 100));
/** The built-in chart without the 明细 of 6001/7101/7201 (a set's chart analysed its own way). */
function chartWithoutFundingDetail(): Map<string, ChartAccount> {
  const detail = (code: string) => code.length > 4 && ["6001", "7101", "7201"].includes(code.slice(0, 4));
  return new Map(builtInChart().filter((a) => !detail(a.code)).map((a) => [a.code, ["6001", "7101", "7201"].includes(a.code) ? { ...a, isLeaf: true } : a]));
}

function chartWithFunds(): Map<string, ChartAccount> {
  const chart = chartWithoutFundingDetail();
  const sub = (parent: string, code: string, name: string) => {
    chart.set(parent, { ...chart.get(parent)!, isLeaf: false });
    chart.set(code, { ...chart.get(parent)!, code, name, parentCode: parent, isLeaf: true });
  };
  sub("7101", "710101", "财政拨款支出");
  sub("7101", "710102", "非财政专项资金支出");
  sub("7101", "710103", "其他资金支出");
  sub("6609", "660901", "专项资金收入");
  sub("6609", "660902", "非专项资金收入");
  return chart;
}

function run(balances: Record<string, number>, options: ClosingOptions) {
  const chart = chartWithFunds();
  const start = new Map(Object.entries(balances).map(([k, v]) => [k, y(v)]));
  const plan = planYearClosing(start, chart, options);
  if (!plan.ok) return { plan, after: start };
  const after = new Map(start);
  for (const v of plan.vouchers) {
    const sums = { financial: 0n, budget: 0n };
    for (const l of v.lines) {
      expect(chart.get(l.account)?.isLeaf, l.account).toBe(true);
      sums[basisOfCode(l.account)] += l.debitFen - l.creditFen;
      after.set(l.account, (after.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    }
    expect(sums, v.summary).toEqual({ financial: 0n, budget: 0n });
  }
  for (const [code, b] of after) if (/^[4567]|^3301|^3302|^8501|^8701/.test(code)) expect(b, code).toBe(0n);
  return { plan, after };
}
/** The balance of an account with its 明细. */
const bal = (after: Map<string, bigint>, code: string) => [...after].filter(([c]) => c.startsWith(code)).reduce((sum, [, b]) => sum + b, 0n);

// A 行政单位: fiscal revenue 108000.00, expenses 28000.00 + 3500.00, a free transfer in of
// 1000.00; budget: 6001 108000.00, special revenue 5000.00, other revenue 2000.00, spent
// 37000.00 fiscal, 3000.00 special, 1500.00 other.
const administrative = {
  "1201": 71000, "1601": 7000, "1602": -500, "4001": -108000, "5001": 28000, "5101": 3500, "3401": -1000,
  "800102": 73500, "6001": -108000, "660901": -5000, "660902": -2000, "710101": 37000, "710102": 3000, "710103": 1500,
};

describe("year closing plan, 行政单位", () => {
  it("closes revenue and expense to 本期盈余 76500.00, then 本年盈余分配, then 累计盈余 77500.00 with the free transfer", () => {
    const { plan, after } = run(administrative, { unitKind: "administrative" });
    expect(plan.ok).toBe(true);
    expect(bal(after, "3001")).toBe(-y(77500));
    expect(bal(after, "3401")).toBe(0n);
    if (plan.ok) expect(plan.vouchers.map((v) => v.summary).slice(0, 4)).toEqual(["结转本期收入", "结转本期费用", "结转本期盈余", "结转本年盈余分配、无偿调拨净资产和以前年度盈余调整至累计盈余"]);
  });

  it("closes budget revenue and expenditure per fund: 8101 71000.00, 8201 2000.00, 8501 500.00 straight to 8202 (no 8701 for a 行政单位)", () => {
    const { plan, after } = run(administrative, { unitKind: "administrative" });
    expect(bal(after, "8101")).toBe(-y(71000));
    expect(bal(after, "8201")).toBe(-y(2000));
    expect(bal(after, "8202")).toBe(-y(500));
    expect(bal(after, "8701")).toBe(0n);
    expect(bal(after, "800102")).toBe(y(73500));
    if (plan.ok) expect(plan.vouchers.map((v) => v.summary).slice(4)).toEqual(["结转财政拨款预算收入和支出", "结转非财政拨款专项预算收入和支出", "结转其他预算收入和支出", "财政拨款结转各明细余额转入累计结转", "非财政拨款结转各明细余额转入累计结转", "其他结余转入非财政拨款结余"]);
  });

  it("moves the residue of completed projects to the balances: 8201 → 8202 1500.00, 8101 → 8102 1000.00; more than the balance is refused", () => {
    const { after } = run(administrative, { unitKind: "administrative", nonFiscalResidualFen: y(1500), fiscalResidualFen: y(1000) });
    expect(bal(after, "8201")).toBe(-y(500));
    expect(bal(after, "8202")).toBe(-y(2000));
    expect(bal(after, "8101")).toBe(-y(70000));
    expect(bal(after, "8102")).toBe(-y(1000));
    expect(run(administrative, { unitKind: "administrative", nonFiscalResidualFen: y(2000) }).plan.ok).toBe(true);
    expect(run(administrative, { unitKind: "administrative", nonFiscalResidualFen: y(2000.01) }).plan.ok).toBe(false);
  });

  it("refuses 专用基金 and 专用结余 for a 行政单位", () => {
    expect(run(administrative, { unitKind: "administrative", specialFundFen: y(1) }).plan).toMatchObject({ ok: false, message: expect.stringMatching(/事业单位/) });
    expect(run(administrative, { unitKind: "administrative", specialSurplusFen: y(1) }).plan.ok).toBe(false);
  });
});

// A 事业单位: revenue 5000.00 fiscal + 10000.00 business, expenses 3000.00 + 6000.00 business
// (surplus 6000.00); budget: 6001 5000.00 / 710101 5000.00, 6401 10000.00 / 7301 6000.00 (经营结余
// 4000.00), other revenue 2000.00 / other spending 1500.00 (其他结余 500.00).
const institution = {
  "1002": 6000, "4001": -5000, "4401": -10000, "5001": 3000, "5201": 6000,
  "800102": 4500, "6001": -5000, "710101": 5000, "6401": -10000, "7301": 6000, "660902": -2000, "710103": 1500,
};

describe("year closing plan, 事业单位", () => {
  it("sets 2000.00 of the 6000.00 surplus aside as 专用基金; 累计盈余 4000.00", () => {
    const { after } = run(institution, { unitKind: "publicInstitution", specialFundFen: y(2000) });
    expect(bal(after, "3101")).toBe(-y(2000));
    expect(bal(after, "3001")).toBe(-y(4000));
  });

  it("takes 经营结余 4000.00 and 其他结余 500.00 into 非财政拨款结余分配 4500.00, sets 1000.00 aside as 专用结余, the rest 3500.00 to 8202", () => {
    const { plan, after } = run(institution, { unitKind: "publicInstitution", specialSurplusFen: y(1000) });
    expect(bal(after, "8401")).toBe(0n);
    expect(bal(after, "8301")).toBe(-y(1000));
    expect(bal(after, "8202")).toBe(-y(3500));
    expect(bal(after, "8101")).toBe(0n);
    if (plan.ok) expect(plan.vouchers.map((v) => v.summary).slice(-4)).toEqual(["经营结余转入非财政拨款结余分配", "其他结余转入非财政拨款结余分配", "从非财政拨款结余分配中提取专用结余", "非财政拨款结余分配转入非财政拨款结余"]);
  });

  it("accepts 专用基金 up to the surplus and 专用结余 up to 8701, and refuses a fen more", () => {
    expect(run(institution, { unitKind: "publicInstitution", specialFundFen: y(6000) }).plan.ok).toBe(true);
    expect(run(institution, { unitKind: "publicInstitution", specialFundFen: y(6000.01) }).plan.ok).toBe(false);
    expect(run(institution, { unitKind: "publicInstitution", specialSurplusFen: y(4500) }).plan.ok).toBe(true);
    expect(run(institution, { unitKind: "publicInstitution", specialSurplusFen: y(4500.01) }).plan.ok).toBe(false);
  });

  it("leaves a business loss (debit 8401) where it is", () => {
    const { after } = run({ "1002": -2000, "4401": -1000, "5201": 3000, "800102": -2000, "6401": -1000, "7301": 3000 }, { unitKind: "publicInstitution" });
    expect(bal(after, "8401")).toBe(y(2000));
    expect(bal(after, "8701")).toBe(0n);
    expect(bal(after, "3001")).toBe(y(2000));
  });
});

describe("fund of a budget account", () => {
  it("reads the fund from the sub-account names, fiscal by default", () => {
    const chart = chartWithFunds();
    expect(["6001", "660901", "660902", "6401", "710101", "710102", "710103", "7201", "7301", "7401"].map((c) => fundOf(c, chart))).toEqual(["fiscal", "special", "other", "business", "fiscal", "special", "other", "fiscal", "business", "other"]);
  });
});

describe("year closing plan, quota cancellation and the standard 明细 of 8101/8102/8201/8202", () => {
  it("cancels the unused authorised quota to 1201 财政授权支付 (Dr 800103 / Cr 800101) before anything else", () => {
    const { plan, after } = run({ ...administrative, "1201": 0, "1011": 71000, "800102": 2500, "800101": 71000 }, { unitKind: "administrative" });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.vouchers[0]).toEqual({
      summary: "年末注销零余额账户用款额度",
      lines: [
        { account: "120102", debitFen: y(71000), creditFen: 0n },
        { account: "1011", debitFen: 0n, creditFen: y(71000) },
        { account: "800103", debitFen: y(71000), creditFen: 0n },
        { account: "800101", debitFen: 0n, creditFen: y(71000) },
      ],
    });
    expect([bal(after, "1011"), bal(after, "800101"), bal(after, "120102"), bal(after, "800103")]).toEqual([0n, 0n, y(71000), y(71000)]);
  });

  it("cancels one fen of quota, and nothing when the quota is used up or overdrawn", () => {
    const fen = planYearClosing(new Map([["1011", 1n], ["800101", 1n], ["3001", -1n]]), chartWithFunds(), { unitKind: "administrative" });
    expect(fen.ok && fen.vouchers[0]!.lines[0]).toEqual({ account: "120102", debitFen: 1n, creditFen: 0n });
    for (const quota of [0n, -500n]) {
      const plan = planYearClosing(new Map([["1011", quota], ["800101", quota], ["3001", -quota]]), chartWithFunds(), { unitKind: "administrative" });
      expect(plan.ok && plan.vouchers.some((v) => v.summary === "年末注销零余额账户用款额度")).toBe(false);
    }
  });

  it("nets 8101's and 8201's 明细 into 累计结转 and 8102's and 8202's into 累计结余, after the residue moves", () => {
    const opening = { "810101": -1000, "810107": -20000, "810202": 500, "810205": -4000, "820101": -300, "820105": -700, "820201": -50, "820204": -950 };
    const { plan, after } = run({ ...administrative, ...opening, "800102": 73500 + 26500 }, { unitKind: "administrative", fiscalResidualFen: y(3000) });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    // 8101: 71000 this year + 20000 accumulated + 1000 adjustment − 3000 residue; 8102: 4000 − 500 + 3000.
    expect(after.get("810107")).toBe(-y(89000));
    expect(after.get("810205")).toBe(-y(6500));
    for (const code of ["810101", "810106", "810201", "810202", "810204", "820101", "820104", "820201", "820203"]) expect(after.get(code) ?? 0n, code).toBe(0n);
    expect(after.get("820105")).toBe(-y(2000 + 300 + 700));
    expect(after.get("820204")).toBe(-y(500 + 50 + 950));
    const summaries = plan.vouchers.map((v) => v.summary);
    expect(summaries.indexOf("财政拨款结转各明细余额转入累计结转")).toBeLessThan(summaries.indexOf("已完成项目的财政拨款结转剩余资金转入结余"));
    expect(summaries.at(-1)).toBe("非财政拨款结余各明细余额转入累计结余");
  });
});


describe("year closing with the default chart's 明细 of 6001/7101/7201", () => {
  const chart = new Map(builtInChart().map((a) => [a.code, a]));
  // 6001 received 55000.00 一般公共预算 (40000.00 基本, 15000.00 项目) and 5000.00 政府性基金 项目; spent
  // 7101 财政拨款: 30000.00 一般/基本, 12000.00 一般/项目, 4000.00 基金/项目; 非财政专项 1000.00 基本;
  // 其他资金 500.00 项目, from 专项 revenue 2000.00 and other revenue 800.00.
  const balances: Record<string, number> = {
    "800102": 15300,
    "60010101": -40000, "60010102": -15000, "60010202": -5000,
    "7101010101": 30000, "7101010102": 12000, "7101010202": 4000, "71010201": 1000, "71010302": 500,
    "660901": -2000, "660902": -800,
  };
  const withIncome = new Map([...chart, ["660901", { ...chart.get("6609")!, code: "660901", name: "专项资金收入", parentCode: "6609" }], ["660902", { ...chart.get("6609")!, code: "660902", name: "非专项资金收入", parentCode: "6609" }]]);
  withIncome.set("6609", { ...chart.get("6609")!, isLeaf: false });

  it("zeroes every 明细 of 6001/7101 on leaves, fiscal into 8101, special into 8201, other into 8501 then 8202", () => {
    const start = new Map(Object.entries(balances).map(([k, v]) => [k, y(v)]));
    const plan = planYearClosing(start, withIncome, { unitKind: "administrative" });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const after = new Map(start);
    for (const v of plan.vouchers) {
      let budget = 0n;
      for (const l of v.lines) {
        expect(withIncome.get(l.account)?.isLeaf, l.account).toBe(true);
        budget += basisOfCode(l.account) === "budget" ? l.debitFen - l.creditFen : 0n;
        after.set(l.account, (after.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
      }
      expect(budget, v.summary).toBe(0n);
    }
    for (const [code, b] of after) if (/^[67]/.test(code)) expect(b, code).toBe(0n);
    // 8101: 40000 + 15000 + 5000 − 30000 − 12000 − 4000; 8201: 2000 − 1000; 8202: 800 − 500 (行政单位).
    expect(bal(after, "8101")).toBe(-y(14000));
    expect(bal(after, "8201")).toBe(-y(1000));
    expect(bal(after, "8202")).toBe(-y(300));
    expect(bal(after, "8501")).toBe(0n);
  });

  it("reads the fund of each 明细: 财政拨款 by kind is fiscal, 非财政专项 special, 其他资金 other", () => {
    expect(["60010202", "7101010101", "7101010202", "71010201", "71010302", "7201010102", "72010202", "72010301"].map((c) => fundOf(c, chart))).toEqual(["fiscal", "fiscal", "fiscal", "special", "other", "fiscal", "special", "other"]);
  });
});
