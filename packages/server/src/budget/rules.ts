// The pure rules of an indicator's money (ARCHITECTURE.md decision 5): available = issued − reserved
// − paid, none of them ever negative. Every change is one of a few moves; each either keeps the
// balance or is refused. The service runs the same moves as conditional UPDATEs in SQL.

export interface IndicatorBalance {
  issuedFen: bigint;
  reservedFen: bigint;
  paidFen: bigint;
  availableFen: bigint;
}

/** A change to the four amounts, as signed deltas. */
export interface BalanceDelta {
  issuedFen: bigint;
  reservedFen: bigint;
  paidFen: bigint;
  availableFen: bigint;
}

export type IndicatorMove =
  | { kind: "reserve"; amountFen: bigint }
  | { kind: "settle"; amountFen: bigint }
  | { kind: "release"; amountFen: bigint }
  /** Money paid out and sent back by the payee (支付后退款): paid goes down, available up. */
  | { kind: "refund"; amountFen: bigint }
  /** Issuing more (positive) or taking back unused money (negative): adjustment, transfer, carry-over. */
  | { kind: "changeIssued"; amountFen: bigint }
  /** A transfer out of money already reserved for it (调剂 approved). */
  | { kind: "consumeReservedAsIssued"; amountFen: bigint };

export function isBalanced(b: IndicatorBalance): boolean {
  return b.issuedFen >= 0n && b.reservedFen >= 0n && b.paidFen >= 0n && b.availableFen >= 0n && b.reservedFen + b.paidFen + b.availableFen === b.issuedFen;
}

export function deltaOf(move: IndicatorMove): BalanceDelta {
  const a = move.amountFen;
  switch (move.kind) {
    case "reserve":
      return { issuedFen: 0n, reservedFen: a, paidFen: 0n, availableFen: -a };
    case "settle":
      return { issuedFen: 0n, reservedFen: -a, paidFen: a, availableFen: 0n };
    case "release":
      return { issuedFen: 0n, reservedFen: -a, paidFen: 0n, availableFen: a };
    case "refund":
      return { issuedFen: 0n, reservedFen: 0n, paidFen: -a, availableFen: a };
    case "changeIssued":
      return { issuedFen: a, reservedFen: 0n, paidFen: 0n, availableFen: a };
    case "consumeReservedAsIssued":
      return { issuedFen: -a, reservedFen: -a, paidFen: 0n, availableFen: 0n };
  }
}

/** Moves whose amount must be positive (changeIssued may be negative, never zero). */
export function moveAmountValid(move: IndicatorMove): boolean {
  return move.kind === "changeIssued" ? move.amountFen !== 0n : move.amountFen > 0n;
}

export type ApplyResult = { ok: true; balance: IndicatorBalance } | { ok: false; reason: "INSUFFICIENT_AVAILABLE" | "NEGATIVE" | "AMOUNT_INVALID" };

/** The balance after a move, or why the move is refused. A balanced input always gives a balanced output. */
export function applyMove(b: IndicatorBalance, move: IndicatorMove): ApplyResult {
  if (!moveAmountValid(move)) return { ok: false, reason: "AMOUNT_INVALID" };
  const d = deltaOf(move);
  const next = {
    issuedFen: b.issuedFen + d.issuedFen,
    reservedFen: b.reservedFen + d.reservedFen,
    paidFen: b.paidFen + d.paidFen,
    availableFen: b.availableFen + d.availableFen,
  };
  if (next.availableFen < 0n) return { ok: false, reason: "INSUFFICIENT_AVAILABLE" };
  if (next.issuedFen < 0n || next.reservedFen < 0n || next.paidFen < 0n) return { ok: false, reason: "NEGATIVE" };
  return { ok: true, balance: next };
}

/** What a reservation still holds: its amount less what was settled and released. */
export function reservationOpenFen(r: { amountFen: bigint; settledFen: bigint; releasedFen: bigint }): bigint {
  return r.amountFen - r.settledFen - r.releasedFen;
}

/**
 * Year end for one indicator's unspent money: carried over to next year (结转), or, for general-budget
 * money that would be carried over for more than two years, turned into balance (结余).
 */
export function yearEndTreatment(input: { fiscalYear: number; originYear: number; fundNature: string }): "carryOver" | "balance" {
  const yearsCarriedAfter = input.fiscalYear + 1 - input.originYear;
  return input.fundNature === "generalBudget" && yearsCarriedAfter > 2 ? "balance" : "carryOver";
}

/** Execution rate in per mille-precise percent text ("37.52%"), computed on integers; "—" when nothing was issued. */
export function executionRate(paidFen: bigint, issuedFen: bigint): string {
  if (issuedFen <= 0n) return "—";
  const basisPoints = (paidFen * 10_000n + issuedFen / 2n) / issuedFen; // rounded half up
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, "0")}%`;
}

// ---------------------------------------------------------------- ex-ante performance assessment

/**
 * The five things an ex-ante assessment (事前绩效评估) of a new project scores (DOMAIN.md §10), in
 * that order: 立项必要性, 投入经济性, 绩效目标合理性, 实施方案可行性, 筹资合规性. DOMAIN.md gives no
 * weights, so they weigh the same: each is scored in whole points from 0 to 20, the total out of 100.
 */
export const EX_ANTE_CRITERIA = ["necessity", "economy", "target", "feasibility", "financing"] as const;
export type ExAnteCriterion = (typeof EX_ANTE_CRITERIA)[number];
export const EX_ANTE_CRITERION_MAX = 20;
/**
 * The default pass mark: the §10 grade bands call below 60 "差", so a total of 60 passes and 59 does
 * not. The district or township may set another (setting budget.exAntePassMark).
 */
export const EX_ANTE_PASS_MARK_DEFAULT = 60;

export type ExAnteScores = Record<ExAnteCriterion, number>;
export type ExAnteResult = { ok: true; totalScore: number; passed: boolean } | { ok: false; problems: { criterion: ExAnteCriterion; message: string }[] };

/** Scores an assessment: every criterion a whole number from 0 to 20; passed when the total reaches the pass mark. No pass, no budget. */
export function scoreExAnte(scores: ExAnteScores, passMark: number): ExAnteResult {
  const problems: { criterion: ExAnteCriterion; message: string }[] = [];
  for (const criterion of EX_ANTE_CRITERIA) {
    const score = scores[criterion];
    if (!Number.isInteger(score) || score < 0 || score > EX_ANTE_CRITERION_MAX) problems.push({ criterion, message: `须为 0-${EX_ANTE_CRITERION_MAX} 的整数分` });
  }
  if (problems.length) return { ok: false, problems };
  const totalScore = EX_ANTE_CRITERIA.reduce((sum, c) => sum + scores[c], 0);
  return { ok: true, totalScore, passed: totalScore >= passMark };
}

// ---------------------------------------------------------------- reserve fund first

/** The functional class of the reserve fund (预备费), DOMAIN.md §6. */
export const RESERVE_FUND_FUNCTIONAL_CLASS = "227";

/**
 * "Use of the reserve fund comes first in emergencies" (DOMAIN.md §7): an adjustment made for an
 * emergency that adds expenditure is refused while the township's reserve-fund indicators of the year
 * still have money available; the reserve is used by a transfer (调剂) out of it first. Cuts, and
 * adjustments not made for an emergency, are not held back. Exactly zero left lets it through.
 */
export function reserveFundFirst(input: { emergency: boolean; deltaFen: bigint; reserveAvailableFen: bigint }): { ok: true } | { ok: false; reserveAvailableFen: bigint } {
  if (input.emergency && input.deltaFen > 0n && input.reserveAvailableFen > 0n) return { ok: false, reserveAvailableFen: input.reserveAvailableFen };
  return { ok: true };
}
