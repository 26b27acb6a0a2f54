// The 单位财政拨款核对表 and its formula UNIT_PAID, pure: the township's side of a unit's 6001 (direct
// payments from the year's own budget + quota newly released + the year end's 财政应返还额度) against the
// unit's 6001; exact, it is an error-level formula that passes, one fen off it fails naming both sides;
// a unit whose books carry 6001 entered by hand is checked as a warning; content built before the
// columns existed keeps the earlier warning.
import { describe, expect, it } from "vitest";
import { parseYuan } from "@xiangcai/shared";
import type { SetYearFigures } from "../ledger/index.ts";
import { buildTables, noAuthorisedFacts, townshipSideOfUnit, type AuthorisedKindFacts, type TownshipYear, type UnitAppropriationFacts } from "./shapes.ts";
import { evaluate, type FinalContent } from "./rules.ts";

const parse = (y: string) => parseYuan(y, { allowNegative: true });
/**
 * A unit's facts with its authorised quota, restorable and issued money all 一般公共预算 基本支出 (`project`:
 * 一般公共预算 项目支出's, `fundProject`: 政府性基金 项目支出's).
 */
const facts = (
  over: Partial<Omit<UnitAppropriationFacts, "authorised">> & Partial<AuthorisedKindFacts> & { project?: Partial<AuthorisedKindFacts>; fundProject?: Partial<AuthorisedKindFacts> } = {},
): UnitAppropriationFacts => {
  const { quotaFen = 0n, restorableFen = 0n, issuedFen = 0n, project = {}, fundProject = {}, ...rest } = over;
  const authorised = noAuthorisedFacts();
  authorised.generalBudget.basic = { quotaFen, restorableFen, issuedFen };
  authorised.generalBudget.project = { ...authorised.generalBudget.project, ...project };
  authorised.governmentFund.project = { ...authorised.governmentFund.project, ...fundProject };
  return { directPaidFen: 0n, yearClosed: true, directCarriedFen: 0n, ...rest, authorised };
};

describe("townshipSideOfUnit", () => {
  it("adds direct payments, the quota beyond what restores last year's, and the year end's returnable", () => {
    expect(townshipSideOfUnit(facts({ directPaidFen: 100n, quotaFen: 600n, restorableFen: 200n, issuedFen: 1000n, directCarriedFen: 50n }))).toEqual({ directPaidFen: 100n, newQuotaFen: 400n, returnableFen: 650n, totalFen: 1150n });
  });
  it("counts no new quota while the quota only restores, and no unreleased part once the quota reached the indicators", () => {
    expect(townshipSideOfUnit(facts({ quotaFen: 200n, restorableFen: 300n })).newQuotaFen).toBe(0n);
    expect(townshipSideOfUnit(facts({ quotaFen: 300n, restorableFen: 300n })).newQuotaFen).toBe(0n);
    expect(townshipSideOfUnit(facts({ quotaFen: 301n, restorableFen: 300n })).newQuotaFen).toBe(1n);
    expect(townshipSideOfUnit(facts({ quotaFen: 800n, issuedFen: 800n })).returnableFen).toBe(0n);
    expect(townshipSideOfUnit(facts({ quotaFen: 900n, issuedFen: 800n })).returnableFen).toBe(0n);
  });
  it("restores and releases per kind: one kind's quota neither restores nor releases the other kind's money", () => {
    // 项目支出 carried in (300) is restored by 项目支出's quota only; 基本支出's quota is all new.
    expect(townshipSideOfUnit(facts({ quotaFen: 500n, project: { quotaFen: 200n, restorableFen: 300n } }))).toMatchObject({ newQuotaFen: 500n });
    expect(townshipSideOfUnit(facts({ quotaFen: 500n, project: { quotaFen: 301n, restorableFen: 300n } })).newQuotaFen).toBe(501n);
    // 基本支出's quota beyond its indicators does not release 项目支出's: 项目支出 issued 400 with no quota stays unreleased.
    expect(townshipSideOfUnit(facts({ quotaFen: 900n, issuedFen: 500n, project: { issuedFen: 400n } })).returnableFen).toBe(400n);
    expect(townshipSideOfUnit(facts({ quotaFen: 500n, issuedFen: 500n, project: { quotaFen: 399n, issuedFen: 400n } })).returnableFen).toBe(1n);
    expect(townshipSideOfUnit(facts({ quotaFen: 500n, issuedFen: 500n, project: { quotaFen: 400n, issuedFen: 400n } })).returnableFen).toBe(0n);
  });
  it("restores and releases per fund: 一般公共预算's quota neither restores nor releases 政府性基金's money of the same kind", () => {
    // 政府性基金 项目支出 carried in (300) is restored by 政府性基金's quota only; 一般公共预算 项目支出's quota is all new.
    expect(townshipSideOfUnit(facts({ project: { quotaFen: 500n }, fundProject: { quotaFen: 200n, restorableFen: 300n } })).newQuotaFen).toBe(500n);
    expect(townshipSideOfUnit(facts({ project: { quotaFen: 500n }, fundProject: { quotaFen: 301n, restorableFen: 300n } })).newQuotaFen).toBe(501n);
    // 一般公共预算's quota beyond its indicators does not release 政府性基金's.
    expect(townshipSideOfUnit(facts({ project: { quotaFen: 900n, issuedFen: 500n }, fundProject: { issuedFen: 400n } })).returnableFen).toBe(400n);
    expect(townshipSideOfUnit(facts({ project: { quotaFen: 500n, issuedFen: 500n }, fundProject: { quotaFen: 399n, issuedFen: 400n } })).returnableFen).toBe(1n);
    expect(townshipSideOfUnit(facts({ project: { quotaFen: 500n, issuedFen: 500n }, fundProject: { quotaFen: 400n, issuedFen: 400n } })).returnableFen).toBe(0n);
    // UNIT_PAID adds all funds and kinds up.
    expect(townshipSideOfUnit(facts({ directPaidFen: 10n, quotaFen: 100n, project: { quotaFen: 200n }, fundProject: { quotaFen: 300n, issuedFen: 350n } })).totalFen).toBe(10n + 100n + 200n + 300n + 50n);
  });
  it("recognises nothing at the year end before the year end has run", () => {
    expect(townshipSideOfUnit(facts({ yearClosed: false, issuedFen: 1000n, directCarriedFen: 50n })).returnableFen).toBe(0n);
  });
});

const UNIT = "01a239a1-4500-7000-8000-000000000001";
function unitBooks(appropriationFen: bigint): SetYearFigures {
  return {
    set: { id: "u", code: "U-01", name: "测试单位", kind: "unit", budgetUnitId: UNIT, startYear: 2026 },
    chart: new Map(),
    opening: new Map(),
    end: new Map([["800101", appropriationFen]]),
    lines: [{ account: "6001", functionalCode: "2010301", revenueCode: null, debitFen: 0n, creditFen: appropriationFen }],
    fundOf: () => "generalBudget",
  };
}
function contentOf(appropriationFen: bigint, township: UnitAppropriationFacts, handEnteredAppropriationFen = 0n): Pick<FinalContent, "tables" | "units"> {
  const y: TownshipYear = {
    year: 2026,
    fiscal: null,
    budget: null,
    adjusted: [],
    paid: [],
    debt: null,
    revenueNames: new Map(),
    functionNames: new Map(),
    units: [{ budgetUnitId: UNIT, unitName: "测试单位", figures: unitBooks(appropriationFen), handEnteredAppropriationFen }],
    unitAppropriations: new Map([[UNIT, township]]),
  };
  const built = buildTables(y, parse);
  return { tables: built.tables, units: built.units.map((u) => ({ budgetUnitId: u.budgetUnitId, unitName: u.unitName, setCode: u.setCode, tables: u.tables })) } as Pick<FinalContent, "tables" | "units">;
}
const unitPaid = (c: Pick<FinalContent, "tables" | "units">) => evaluate(c).find((f) => f.code === `UNIT_PAID:${UNIT}`)!;

describe("UNIT_PAID", () => {
  const township = facts({ directPaidFen: 500_00n, quotaFen: 300_00n, issuedFen: 400_00n, directCarriedFen: 20_00n });
  it("shows the township's side in columns and passes as an error-level formula when exact", () => {
    const c = contentOf(920_00n, township);
    expect(c.tables.find((t) => t.code === "unit-check")!.rows[0]!.values).toEqual(["500.00", "300.00", "120.00", "920.00", "920.00", "0.00"]);
    expect(unitPaid(c)).toMatchObject({ level: "error", passed: true });
  });
  it("fails one fen off, naming both sides", () => {
    const f = unitPaid(contentOf(920_01n, township));
    expect(f).toMatchObject({ level: "error", passed: false });
    expect(f.message).toContain("单位账财政拨款收入 920.01");
    expect(f.message).toContain("相差 0.01");
  });
  it("is a warning when the unit's books carry 6001 entered by hand", () => {
    const f = unitPaid(contentOf(1000_00n, township, 80_00n));
    expect(f).toMatchObject({ level: "warning", passed: false });
    expect(f.name).toContain("手工录入");
  });
  it("keeps the earlier warning for content built with the two-column table", () => {
    const c = contentOf(920_00n, township);
    const legacy = c.tables.map((t) => (t.code === "unit-check" ? { ...t, columns: ["乡镇国库支付给该单位", "单位账财政拨款收入"], rows: t.rows.map((r) => ({ ...r, values: ["500.00", "920.00"] })) } : t));
    expect(unitPaid({ ...c, tables: legacy })).toMatchObject({ level: "warning", passed: false });
  });
});
