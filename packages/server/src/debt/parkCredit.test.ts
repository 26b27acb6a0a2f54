// Proves the park credit programme (财园信贷通): the rules on valid, invalid and boundary input; the
// fund balance equal to deposits − compensation + recoveries − withdrawals whatever happens (property
// test through the services on the database); and the main path through the API on the demo — a
// loan within the multiple and one beyond it (refused, nothing written), repayment, overdue, default,
// compensation at the agreed share, recovery, replayed commands changing nothing, figures by bank and
// year, and a township refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { parseDecimal } from "@xiangcai/shared";
import { fixedClock } from "../platform/clock.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { appUser, makeActor } from "../identity/index.ts";
import type { Db } from "../platform/db.ts";
import { canMove, checkLoanTerms, compensationDue, fitsWithinMultiple, fundTotals, lendingCapacity, readSharePercent, recoveryReturn } from "./parkCreditRules.ts";
import { compensateLoan, createBank, getBank, grantLoan, markLoan, moveFund, recoverLoan, repayLoan } from "./parkCredit.ts";
import { demoParkEnterpriseCode } from "./parkCreditDemo.ts";
import { parkCreditFundMovement, parkCreditLoan } from "./tables.ts";

const clock = fixedClock("2026-12-15T10:00:00+08:00");
const d = (s: string) => parseDecimal(s);

describe("rules", () => {
  it("adds a fund up: deposits − compensation + recoveries − withdrawals", () => {
    expect(fundTotals([{ kind: "deposit", amountFen: 100_00n }, { kind: "compensation", amountFen: 30_00n }, { kind: "recovery", amountFen: 5_00n }, { kind: "withdrawal", amountFen: 10_00n }])).toEqual({ depositedFen: 100_00n, compensatedFen: 30_00n, recoveredFen: 5_00n, withdrawnFen: 10_00n, balanceFen: 65_00n });
    expect(fundTotals([]).balanceFen).toBe(0n);
  });

  it("gives lending room of multiple × fund and allows a loan up to it exactly", () => {
    expect(lendingCapacity(1_000_000_00n, d("8"))).toBe(8_000_000_00n);
    expect(lendingCapacity(1_01n, d("2.5"))).toBe(2_53n); // 2.525 yuan, half up
    expect(lendingCapacity(0n, d("8"))).toBe(0n);
    expect(lendingCapacity(-5n, d("8"))).toBe(0n);
    expect(fitsWithinMultiple(7_000_000_00n, 1_000_000_00n, 8_000_000_00n)).toBe(true);
    expect(fitsWithinMultiple(7_000_000_00n, 1_000_000_01n, 8_000_000_00n)).toBe(false);
  });

  it("compensates at the share, half up, and returns a recovery's share never beyond what was paid", () => {
    expect(compensationDue(1_000_000_00n, d("70"))).toBe(700_000_00n);
    expect(compensationDue(1_01n, d("50"))).toBe(51n); // 0.505 → 0.51
    expect(compensationDue(0n, d("80"))).toBe(0n);
    expect(compensationDue(3_33n, d("100"))).toBe(3_33n);
    expect(recoveryReturn(400_000_00n, d("70"), 700_000_00n, 0n)).toBe(280_000_00n);
    expect(recoveryReturn(1_000_000_00n, d("70"), 700_000_00n, 600_000_00n)).toBe(100_000_00n);
    expect(recoveryReturn(10_00n, d("70"), 700_000_00n, 700_000_00n)).toBe(0n);
  });

  it("reads the sharing ratio: above 0, at most 100, two decimals", () => {
    expect(readSharePercent("80")).toEqual(d("80"));
    expect(readSharePercent("100")).toEqual(d("100"));
    expect(readSharePercent("0.01")).toEqual(d("0.01"));
    for (const bad of ["0", "100.01", "101", "-5", "80.123", "八十", ""]) expect(readSharePercent(bad), bad).toBeNull();
  });

  it("checks a loan's terms and names every problem", () => {
    const good = checkLoanTerms({ creditCode: demoParkEnterpriseCode(1).toLowerCase(), enterpriseName: " 某公司 ", amount: "10000000.00", startDate: "2026-01-31", termMonths: 1, annualRate: "4.35" });
    expect(good.ok && good.terms).toMatchObject({ creditCode: demoParkEnterpriseCode(1), enterpriseName: "某公司", amountFen: 10_000_000_00n, dueDate: "2026-02-28" });
    expect(checkLoanTerms({ creditCode: demoParkEnterpriseCode(1), enterpriseName: "某公司", amount: "1", startDate: "2026-01-01", termMonths: 120, annualRate: "36" }).ok).toBe(true);
    const bad = checkLoanTerms({ creditCode: "91329901MP000000X0", enterpriseName: "某", amount: "10000000.01", startDate: "2026-02-29", termMonths: 121, annualRate: "36.0001" });
    expect(!bad.ok && bad.problems.map((p) => p.path)).toEqual(["creditCode", "enterpriseName", "amount", "startDate", "termMonths", "annualRate"]);
    const zero = checkLoanTerms({ creditCode: demoParkEnterpriseCode(1), enterpriseName: "某公司", amount: "0", startDate: "2026-01-01", termMonths: 0, annualRate: "-1" });
    expect(!zero.ok && zero.problems.map((p) => p.path)).toEqual(["amount", "termMonths", "annualRate"]);
  });

  it("lets a loan move only along its life", () => {
    expect(canMove("performing", "repay")).toBe(true);
    expect(canMove("performing", "default")).toBe(false);
    expect(canMove("overdue", "default")).toBe(true);
    expect(canMove("defaulted", "compensate")).toBe(true);
    expect(canMove("defaulted", "repay")).toBe(false);
    expect(canMove("compensated", "recover")).toBe(true);
    expect(canMove("repaid", "repay")).toBe(false);
  });

  it("never compensates more than the loss nor returns more than was paid (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10_000_000_00n }), fc.integer({ min: 1, max: 10_000 }), fc.array(fc.bigInt({ min: 1n, max: 10_000_000_00n }), { maxLength: 6 }), (unpaid, shareBp, recoveries) => {
        const share = { units: BigInt(shareBp), scale: 2 };
        const paid = compensationDue(unpaid, share);
        expect(paid >= 0n && paid <= unpaid).toBe(true);
        let returned = 0n;
        for (const r of recoveries) returned += recoveryReturn(r, share, paid, returned);
        expect(returned >= 0n && returned <= paid).toBe(true);
      }),
    );
  });
});

describe("through the services", () => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await startTestApp("demo", { clock });
    db = t.database.db;
  });
  afterAll(async () => t?.close());

  it("keeps every bank's fund balance = deposits − compensation + recoveries − withdrawals, whatever happens (property)", async () => {
    const [user] = await db.select().from(appUser).where(eq(appUser.username, "supervisor"));
    const supervisor = makeActor(user!, ["districtSupervisor"]);
    const at = clock.now();
    let run = 0;
    const step = fc.oneof(
      fc.record({ op: fc.constant("deposit" as const), fen: fc.bigInt({ min: 1n, max: 500_000_00n }) }),
      fc.record({ op: fc.constant("withdraw" as const), fen: fc.bigInt({ min: 1n, max: 500_000_00n }) }),
      fc.record({ op: fc.constant("grant" as const), fen: fc.bigInt({ min: 1n, max: 3_000_000_00n }) }),
      fc.record({ op: fc.constant("repay" as const), fen: fc.bigInt({ min: 1n, max: 1_000_000_00n }), pick: fc.nat() }),
      fc.record({ op: fc.constant("fail" as const), pick: fc.nat() }),
      fc.record({ op: fc.constant("compensate" as const), pick: fc.nat() }),
      fc.record({ op: fc.constant("recover" as const), fen: fc.bigInt({ min: 1n, max: 1_000_000_00n }), pick: fc.nat() }),
    );
    const yuanOf = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 100 }), fc.array(step, { minLength: 1, maxLength: 14 }), async (share, steps) => {
        run++;
        // Each run in its own transaction, rolled back at the end: the database is left as it was.
        await db
          .transaction(async (raw) => {
            const tx = raw as unknown as Db;
            const bank = await createBank(tx, supervisor, { name: `性质测试银行${run}`, agreementNo: `P-${run}`, fundSharePercent: String(share), contact: "" }, at);
            const loans: string[] = [];
            let deposits = 0n;
            let withdrawals = 0n;
            for (const s of steps) {
              // A refused move must leave nothing behind: run it in a savepoint.
              await tx
                .transaction(async (sp) => {
                  const inner = sp as unknown as Db;
                  const loanId = "pick" in s && loans.length ? loans[s.pick % loans.length]! : null;
                  if (s.op === "deposit") {
                    await moveFund(inner, supervisor, bank.id, { kind: "deposit", amount: yuanOf(s.fen), date: "2026-06-01", documentNo: "D", note: "" }, at);
                    deposits += s.fen;
                  } else if (s.op === "withdraw") {
                    await moveFund(inner, supervisor, bank.id, { kind: "withdrawal", amount: yuanOf(s.fen), date: "2026-06-01", documentNo: "W", note: "" }, at);
                    withdrawals += s.fen;
                  } else if (s.op === "grant") {
                    const loan = await grantLoan(inner, supervisor, { bankId: bank.id, loanNo: `P-${run}-${loans.length + 1}`, enterpriseName: "性质测试企业", creditCode: demoParkEnterpriseCode(900), parkName: "", amount: yuanOf(s.fen), startDate: "2026-01-15", termMonths: 6, annualRate: "4" }, at);
                    loans.push(loan.id);
                  } else if (loanId && s.op === "repay") await repayLoan(inner, supervisor, loanId, { amount: yuanOf(s.fen), date: "2026-07-01", note: "" }, at);
                  else if (loanId && s.op === "fail") {
                    await markLoan(inner, supervisor, loanId, "overdue", { date: "2026-07-16", note: "逾期" }, at).catch(() => undefined);
                    await markLoan(inner, supervisor, loanId, "default", { date: "2026-10-16", note: "违约" }, at);
                  } else if (loanId && s.op === "compensate") await compensateLoan(inner, supervisor, loanId, { date: "2026-11-01", documentNo: "C", note: "" }, at);
                  else if (loanId && s.op === "recover") await recoverLoan(inner, supervisor, loanId, { recovered: yuanOf(s.fen), date: "2026-12-01", documentNo: "R", note: "" }, at);
                })
                .catch((error: unknown) => {
                  if (!(error instanceof Error) || !("code" in error)) throw error;
                });
              const view = await getBank(tx, supervisor, bank.id, at);
              const sums = await tx
                .select({ kind: parkCreditFundMovement.kind, total: sql<string>`sum(${parkCreditFundMovement.amountFen})` })
                .from(parkCreditFundMovement)
                .where(and(eq(parkCreditFundMovement.regionCode, "329901000"), eq(parkCreditFundMovement.bankId, bank.id)))
                .groupBy(parkCreditFundMovement.kind);
              const of = (k: string) => BigInt(sums.find((x) => x.kind === k)?.total ?? 0);
              expect(of("deposit")).toBe(deposits);
              expect(of("withdrawal")).toBe(withdrawals);
              const balance = parseDecimal(view.fundBalance);
              expect(balance.units * 10n ** BigInt(2 - balance.scale)).toBe(of("deposit") - of("compensation") + of("recovery") - of("withdrawal"));
              expect(view.fundBalance.startsWith("-")).toBe(false);
              // Loans outstanding never exceed multiple × fund after a grant (withdrawals keep it too).
              const outstanding = parseDecimal(view.outstanding);
              const capacity = parseDecimal(view.capacity);
              expect(outstanding.units * 10n ** BigInt(2 - outstanding.scale) <= capacity.units * 10n ** BigInt(2 - capacity.scale) || of("compensation") > 0n).toBe(true);
              // Per loan: what came back never exceeds what was paid.
              for (const id of loans) {
                const moves = await tx.select().from(parkCreditFundMovement).where(and(eq(parkCreditFundMovement.regionCode, "329901000"), eq(parkCreditFundMovement.loanId, id)));
                const totals = fundTotals(moves);
                expect(totals.recoveredFen <= totals.compensatedFen).toBe(true);
              }
            }
            throw new RollbackRun();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RollbackRun)) throw error;
          });
      }),
      { numRuns: 12 },
    );
  });
});

class RollbackRun extends Error {}

describe("through the API", () => {
  let t: TestApp;
  let supervisor: ApiClient;
  beforeAll(async () => {
    t = await startTestApp("demo", { clock });
    supervisor = await loginAs(t.app, "supervisor");
  });
  afterAll(async () => t?.close());

  it("shows the demo's banks, loans in every state and figures by bank and year", async () => {
    const banks = (await supervisor.get("/park-credit/banks")).body.items;
    expect(banks.map((b: { name: string }) => b.name).sort()).toEqual(["中国建设银行青禾支行", "邮储银行青禾支行", "青禾农村商业银行"].sort());
    const jian = banks.find((b: { name: string }) => b.name === "中国建设银行青禾支行");
    // 2,000,000 deposited − 700,000 compensated (70 % of 1,000,000) + 280,000 recovered (70 % of 400,000).
    expect(jian).toMatchObject({ fundSharePercent: "70", deposited: "2000000.00", compensated: "700000.00", recovered: "280000.00", fundBalance: "1580000.00", capacity: "12640000.00" });
    const loans = (await supervisor.get("/park-credit/loans?pageSize=100")).body;
    expect(new Set(loans.items.map((l: { status: string }) => l.status))).toEqual(new Set(["performing", "repaid", "overdue", "defaulted", "compensated"]));
    expect(loans.items.some((l: { status: string; pastDue: boolean }) => l.status === "performing" && l.pastDue)).toBe(true);
    const pastDue = (await supervisor.get("/park-credit/loans?pastDue=true")).body;
    expect(pastDue.total).toBeGreaterThanOrEqual(3);
    const figures = (await supervisor.get("/park-credit/figures")).body;
    expect(figures.byBank).toHaveLength(3);
    expect(figures.byYear.length).toBeGreaterThanOrEqual(2);
    expect(figures.total.compensated).toBe("700000.00");
    const movements = (await supervisor.get(`/park-credit/fund-movements?bankId=${jian.id}`)).body;
    expect(movements.items.map((m: { kind: string }) => m.kind).sort()).toEqual(["compensation", "deposit", "recovery"]);
  });

  it("grants within the multiple, refuses beyond it with the figures, and walks a loan to compensation and recovery", async () => {
    const bank = (await supervisor.post("/park-credit/banks", { name: "测试银行青禾支行", agreementNo: "测试协议1号", fundSharePercent: "75", contact: "" })).body;
    expect(bank).toMatchObject({ fundBalance: "0.00", capacity: "0.00", multiple: "8" });
    expect((await supervisor.post("/park-credit/banks", { name: "测试银行青禾支行", agreementNo: "2", fundSharePercent: "75" })).body.code).toBe("DUPLICATE");
    expect((await supervisor.post("/park-credit/banks", { name: "另一银行", agreementNo: "2", fundSharePercent: "0" })).body.code).toBe("VALIDATION_FAILED");
    const deposit = { kind: "deposit", amount: "100000.00", date: "2026-12-01", documentNo: "青财金〔2026〕99号", note: "" };
    const first = await supervisor.request("POST", `/park-credit/banks/${bank.id}/fund`, deposit, { "idempotency-key": "pc-deposit-1" });
    expect(first.status).toBe(201);
    const replay = await supervisor.request("POST", `/park-credit/banks/${bank.id}/fund`, deposit, { "idempotency-key": "pc-deposit-1" });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.body.fundBalance).toBe("100000.00");
    const loan = (n: number, amount: string) => ({ bankId: bank.id, loanNo: `TEST-${n}`, enterpriseName: "测试企业有限公司", creditCode: demoParkEnterpriseCode(500 + n), parkName: "青禾工业园", amount, startDate: "2026-01-31", termMonths: 6, annualRate: "4.35" });
    const granted = await supervisor.request("POST", "/park-credit/loans", loan(1, "500000.00"), { "idempotency-key": "pc-loan-1" });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ dueDate: "2026-07-31", status: "performing", pastDue: true, compensationIfDefaulted: "375000.00" });
    // Boundary: 800,000 room, 500,000 used → 300,000 exactly fits; one fen more does not.
    const over = await supervisor.request("POST", "/park-credit/loans", loan(2, "300000.01"), { "idempotency-key": "pc-loan-2" });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe("LOAN_EXCEEDS_MULTIPLE");
    expect(over.body.detail).toContain("尚可放款 300000.00 元");
    expect((await supervisor.get(`/park-credit/loans?q=TEST-2`)).body.total).toBe(0);
    expect((await supervisor.request("POST", "/park-credit/loans", loan(2, "300000.00"), { "idempotency-key": "pc-loan-3" })).status).toBe(201);
    const invalid = await supervisor.request("POST", "/park-credit/loans", { ...loan(3, "1.00"), creditCode: "913299010000000000" }, { "idempotency-key": "pc-loan-4" });
    expect(invalid.body).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    // The fund may not be withdrawn below what the loans need.
    const withdraw = await supervisor.request("POST", `/park-credit/banks/${bank.id}/fund`, { ...deposit, kind: "withdrawal", amount: "0.01" }, { "idempotency-key": "pc-withdraw-1" });
    expect(withdraw.body.code).toBe("LOAN_EXCEEDS_MULTIPLE");

    const id = granted.body.id;
    const repaid = await supervisor.request("POST", `/park-credit/loans/${id}/repayments`, { amount: "100000.00", date: "2026-07-31", note: "" }, { "idempotency-key": "pc-repay-1" });
    expect(repaid.body).toMatchObject({ repaid: "100000.00", unpaid: "400000.00" });
    expect((await supervisor.request("POST", `/park-credit/loans/${id}/repayments`, { amount: "400000.01", date: "2026-08-01", note: "" }, { "idempotency-key": "pc-repay-2" })).body.code).toBe("REPAYMENT_EXCEEDS");
    expect((await supervisor.post(`/park-credit/loans/${id}/default`, { date: "2026-08-01", note: "未逾期不能违约" })).body.code).toBe("LOAN_STATE");
    expect((await supervisor.post(`/park-credit/loans/${id}/overdue`, { date: "2026-08-01", note: "到期未还" })).body.status).toBe("overdue");
    expect((await supervisor.post(`/park-credit/loans/${id}/default`, { date: "2026-11-01", note: "银行认定违约" })).body.status).toBe("defaulted");
    // 75 % of 400,000 = 300,000 from a fund of 100,000: refused until topped up.
    const short = await supervisor.request("POST", `/park-credit/loans/${id}/compensation`, { date: "2026-11-10", documentNo: "代偿1号", note: "" }, { "idempotency-key": "pc-comp-1" });
    expect(short.body.code).toBe("FUND_INSUFFICIENT");
    await supervisor.request("POST", `/park-credit/banks/${bank.id}/fund`, { ...deposit, amount: "250000.00" }, { "idempotency-key": "pc-deposit-2" });
    const paid = await supervisor.request("POST", `/park-credit/loans/${id}/compensation`, { date: "2026-11-10", documentNo: "代偿1号", note: "" }, { "idempotency-key": "pc-comp-2" });
    expect(paid.body).toMatchObject({ status: "compensated", compensated: "300000.00" });
    const again = await supervisor.request("POST", `/park-credit/loans/${id}/compensation`, { date: "2026-11-10", documentNo: "代偿1号", note: "" }, { "idempotency-key": "pc-comp-2" });
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const recovered = await supervisor.request("POST", `/park-credit/loans/${id}/recoveries`, { recovered: "100000.00", date: "2026-12-05", documentNo: "追偿1号", note: "" }, { "idempotency-key": "pc-rec-1" });
    expect(recovered.body).toMatchObject({ returnedToFund: "75000.00" });
    expect(recovered.body.events.map((e: { kind: string }) => e.kind)).toEqual(["granted", "repaid", "overdue", "defaulted", "compensated", "recovered"]);
    // 350,000 deposited − 300,000 compensated + 75,000 recovered.
    expect((await supervisor.get(`/park-credit/banks/${bank.id}`)).body.fundBalance).toBe("125000.00");
  });

  it("is the district's: a township user is refused", async () => {
    const director = await loginAs(t.app, "director");
    expect((await director.get("/park-credit/banks")).status).toBe(403);
    expect((await director.get("/park-credit/figures")).status).toBe(403);
    const count = async () => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(parkCreditLoan))[0]!.n;
    const before = await count();
    expect((await director.request("POST", "/park-credit/loans", {}, { "idempotency-key": "pc-town-1" })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});
