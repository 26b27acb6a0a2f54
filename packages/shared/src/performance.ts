// Budget performance (预算绩效, DOMAIN.md §10): the target framework, the monitoring colours and the
// evaluation score and grade, as pure functions shared by the server, the command line and the web
// app. Every figure is exact: decimal strings are read into fractions of bigints (decimal.ts),
// completions stay fractions (1/3 is 1/3, not 0.333…), and the only rounding is the named one at the
// end (the score, half up to 2 decimals). Nothing here goes through Number.

import {
  formatFraction,
  formatFractionPercent,
  fraction,
  fractionAdd,
  fractionCompare,
  fractionDivide,
  fractionMultiply,
  fractionSubtract,
  FRACTION_ONE,
  FRACTION_ZERO,
  parseFraction,
  type Fraction,
} from "./decimal.ts";

const minOf = (a: Fraction, b: Fraction) => (fractionCompare(a, b) <= 0 ? a : b);
const maxOf = (a: Fraction, b: Fraction) => (fractionCompare(a, b) >= 0 ? a : b);

// ---------------------------------------------------------------- the target framework

export const performanceDirections = [">=", "<=", "="] as const;
export type PerformanceDirection = (typeof performanceDirections)[number];
export const directionNames: Record<PerformanceDirection, string> = { ">=": "≥", "<=": "≤", "=": "=" };

/** Level 1 and the level 2 classes under each (DOMAIN.md §10). */
export const targetLevels = {
  output: { name: "产出指标", children: { quantity: "数量指标", quality: "质量指标", timeliness: "时效指标", cost: "成本指标" } },
  effect: { name: "效益指标", children: { economic: "经济效益指标", social: "社会效益指标", ecological: "生态效益指标", sustainable: "可持续影响指标" } },
  satisfaction: { name: "满意度指标", children: { serviceRecipient: "服务对象满意度指标" } },
} as const;
export type TargetLevel1 = keyof typeof targetLevels;
export const targetLevel1Codes = Object.keys(targetLevels) as TargetLevel1[];
export type TargetLevel2 = { [K in TargetLevel1]: keyof (typeof targetLevels)[K]["children"] }[TargetLevel1];
export const targetLevel2Codes = targetLevel1Codes.flatMap((l1) => Object.keys(targetLevels[l1].children)) as TargetLevel2[];

export function level1Of(level2: string): TargetLevel1 | null {
  for (const l1 of targetLevel1Codes) if (Object.hasOwn(targetLevels[l1].children, level2)) return l1;
  return null;
}
export function level2Name(level2: string): string {
  const l1 = level1Of(level2);
  return l1 ? (targetLevels[l1].children as Record<string, string>)[level2]! : level2;
}

/** Default weights (DOMAIN.md §10, configurable): execution 10, output 50, effect 30, satisfaction 10. */
export interface PerformanceWeights {
  execution: string;
  output: string;
  effect: string;
  satisfaction: string;
}
export const PERFORMANCE_WEIGHTS_DEFAULT: PerformanceWeights = { execution: "10", output: "50", effect: "30", satisfaction: "10" };
/** The most level-3 indicators one target tree may hold. */
export const TARGET_INDICATORS_MAX = 60;

/** One level-3 indicator as entered (numbers as decimal strings). */
export interface TargetIndicatorInput {
  level2: TargetLevel2;
  name: string;
  unit: string;
  direction: PerformanceDirection;
  target: string;
  weight: string;
  accumulates: boolean;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Checks a target tree: each indicator in a known level-2 class with a name, unit, direction,
 * a target that is a decimal ≥ 0 and a weight > 0; every level 1 present; each level 1's weights
 * adding up to its configured weight (so all weights plus the execution weight make 100).
 */
export function checkTargetTree(indicators: readonly TargetIndicatorInput[], weights: PerformanceWeights = PERFORMANCE_WEIGHTS_DEFAULT): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (indicators.length === 0) return [{ path: "indicators", message: "绩效目标至少需要一个三级指标" }];
  if (indicators.length > TARGET_INDICATORS_MAX) return [{ path: "indicators", message: `一张绩效目标表最多 ${TARGET_INDICATORS_MAX} 个三级指标` }];
  const sums = new Map<TargetLevel1, Fraction>();
  const names = new Set<string>();
  indicators.forEach((indicator, i) => {
    const at = (field: string) => `indicators.${i}.${field}`;
    const l1 = level1Of(indicator.level2);
    if (!l1) problems.push({ path: at("level2"), message: `第 ${i + 1} 个指标的二级指标“${indicator.level2}”不在指标体系中` });
    const name = indicator.name.trim();
    if (!name) problems.push({ path: at("name"), message: `第 ${i + 1} 个指标缺少指标名称` });
    else if (names.has(name)) problems.push({ path: at("name"), message: `指标“${name}”重复` });
    names.add(name);
    if (!indicator.unit.trim()) problems.push({ path: at("unit"), message: `指标“${name || i + 1}”缺少计量单位` });
    if (!(performanceDirections as readonly string[]).includes(indicator.direction)) problems.push({ path: at("direction"), message: `指标“${name || i + 1}”的方向应为 ≥、≤ 或 =` });
    const target = parseFraction(indicator.target);
    if (!target || target.n < 0n) problems.push({ path: at("target"), message: `指标“${name || i + 1}”的目标值应为不小于 0 的数字` });
    const weight = parseFraction(indicator.weight);
    if (!weight || weight.n <= 0n) problems.push({ path: at("weight"), message: `指标“${name || i + 1}”的权重应为大于 0 的数字` });
    if (l1 && weight) sums.set(l1, fractionAdd(sums.get(l1) ?? FRACTION_ZERO, weight));
  });
  if (problems.length) return problems;
  for (const l1 of targetLevel1Codes) {
    const expected = parseFraction(weights[l1]) ?? FRACTION_ZERO;
    const sum = sums.get(l1);
    if (!sum) problems.push({ path: "indicators", message: `缺少${targetLevels[l1].name}（一级指标须齐全）` });
    else if (fractionCompare(sum, expected) !== 0) problems.push({ path: "indicators", message: `${targetLevels[l1].name}的权重合计为 ${formatFraction(sum)}，应为 ${formatFraction(expected)}` });
  }
  return problems;
}

/** Checks configured weights: each a decimal ≥ 0, all four totalling 100. */
export function checkWeights(weights: PerformanceWeights): string | null {
  let sum = FRACTION_ZERO;
  for (const key of ["execution", "output", "effect", "satisfaction"] as const) {
    const w = parseFraction(weights[key]);
    if (!w || w.n < 0n) return `权重“${key}”应为不小于 0 的数字`;
    sum = fractionAdd(sum, w);
  }
  return fractionCompare(sum, fraction(100n)) === 0 ? null : `预算执行率与三个一级指标的权重合计应为 100，现为 ${formatFraction(sum)}`;
}

// ---------------------------------------------------------------- monitoring during the year

export const monitoringColours = ["red", "yellow", "green", "blue"] as const;
export type MonitoringColour = (typeof monitoringColours)[number];
export const monitoringColourNames: Record<MonitoringColour, string> = { red: "红", yellow: "黄", green: "绿", blue: "蓝" };

/** Expected value by the end of `month` (1-12): target × month / 12 for an accumulating indicator, the target otherwise. */
export function expectedValue(target: Fraction, accumulates: boolean, month: number): Fraction {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month} is not 1-12`);
  return accumulates ? fraction(target.n * BigInt(month), target.d * 12n) : target;
}

const SIXTY = fraction(6n, 10n);
const EIGHTY = fraction(8n, 10n);
const HUNDRED_TWENTY = fraction(12n, 10n);

/**
 * The colour of an actual value against the expected one (DOMAIN.md §10): the ratio actual ÷
 * expected is red below 60%, yellow from 60% to below 80%, green from 80% to below 120%, blue from
 * 120%. For a ≤ indicator (a cost, a number of complaints) less is better, so the ratio is
 * inverted: expected ÷ actual. An expected value of 0 gives green when met exactly, blue when
 * bettered and red when missed; for ≤, an actual of 0 against a positive expected value is blue.
 */
export function monitoringColour(direction: PerformanceDirection, expected: Fraction, actual: Fraction): { colour: MonitoringColour; ratio: Fraction | null } {
  let ratio: Fraction | null;
  if (direction === "<=") {
    if (actual.n <= 0n) return { colour: fractionCompare(actual, expected) === 0 ? "green" : "blue", ratio: null };
    if (expected.n <= 0n) return { colour: "red", ratio: null };
    ratio = fractionDivide(expected, actual);
  } else {
    if (expected.n === 0n) return { colour: actual.n === 0n ? "green" : actual.n > 0n ? "blue" : "red", ratio: null };
    ratio = fractionDivide(actual, expected);
  }
  const colour: MonitoringColour = fractionCompare(ratio, SIXTY) < 0 ? "red" : fractionCompare(ratio, EIGHTY) < 0 ? "yellow" : fractionCompare(ratio, HUNDRED_TWENTY) < 0 ? "green" : "blue";
  return { colour, ratio };
}

// ---------------------------------------------------------------- evaluation: the score and grade

export const performanceGrades = ["优", "良", "中", "差"] as const;
export type PerformanceGrade = (typeof performanceGrades)[number];

/** Lower bounds of 优, 良 and 中 (configurable; 差 is below 中). */
export interface GradeBounds {
  excellent: string;
  good: string;
  fair: string;
}
export const GRADE_BOUNDS_DEFAULT: GradeBounds = { excellent: "90", good: "80", fair: "60" };
export const EXECUTION_WEIGHT_DEFAULT = "10";

export function checkGradeBounds(bounds: GradeBounds): string | null {
  const e = parseFraction(bounds.excellent);
  const g = parseFraction(bounds.good);
  const f = parseFraction(bounds.fair);
  if (!e || !g || !f) return "等级分数线应为数字";
  if (!(f.n >= 0n && fractionCompare(f, g) < 0 && fractionCompare(g, e) < 0 && fractionCompare(e, fraction(100n)) <= 0)) return "等级分数线须满足 0 ≤ 中 < 良 < 优 ≤ 100";
  return null;
}

/** The grade of a (rounded) score: 优 ≥ excellent, 良 ≥ good, 中 ≥ fair, 差 below. */
export function gradeOf(score: Fraction, bounds: GradeBounds = GRADE_BOUNDS_DEFAULT): PerformanceGrade {
  if (fractionCompare(score, parseFraction(bounds.excellent)!) >= 0) return "优";
  if (fractionCompare(score, parseFraction(bounds.good)!) >= 0) return "良";
  if (fractionCompare(score, parseFraction(bounds.fair)!) >= 0) return "中";
  return "差";
}

/**
 * How far an indicator was achieved, from 0 to 1:
 * - ≥: min(actual ÷ target, 1), never below 0; a target of 0 is met (1) by any actual ≥ 0.
 * - ≤: 1 when actual ≤ target, else max(0, 1 − (actual − target) ÷ target); a target of 0 is met (1)
 *   only by an actual of exactly 0, any other actual gives 0 (issue 14's rule, word for word).
 * - =: 1 when actual equals target, else 0.
 */
export function completionOf(direction: PerformanceDirection, target: Fraction, actual: Fraction): Fraction {
  if (direction === "=") return fractionCompare(actual, target) === 0 ? FRACTION_ONE : FRACTION_ZERO;
  if (direction === ">=") {
    if (target.n === 0n) return actual.n >= 0n ? FRACTION_ONE : FRACTION_ZERO;
    return maxOf(FRACTION_ZERO, minOf(fractionDivide(actual, target), FRACTION_ONE));
  }
  if (target.n === 0n) return actual.n === 0n ? FRACTION_ONE : FRACTION_ZERO;
  if (fractionCompare(actual, target) <= 0) return FRACTION_ONE;
  return maxOf(FRACTION_ZERO, fractionSubtract(FRACTION_ONE, fractionDivide(fractionSubtract(actual, target), target)));
}

/** The input of a score, numbers as decimal strings (the command-line file and the app alike). */
export interface ScoreInput {
  /** A decimal string, or an exact fraction (the app passes paid ÷ issued as it is). */
  executionRate: string | Fraction;
  executionWeight?: string | undefined;
  indicators: readonly { direction: string; target: string; actual: string; weight: string }[];
}

export interface ScoredIndicator {
  /** Completion as a percentage with 2 decimals ("95.00"). */
  completion: string;
  /** Points with 2 decimals, for display; the score adds the exact points before rounding. */
  points: string;
}

export interface ScoreResult {
  score: string;
  grade: PerformanceGrade;
  executionPoints: string;
  indicators: ScoredIndicator[];
}

export type ScoreOutcome = { ok: true; result: ScoreResult; exact: Fraction } | { ok: false; problems: FieldProblem[] };

/**
 * Scores an evaluation: execution points (execution weight × min(execution rate, 1)) plus each
 * indicator's weight × completion, where the indicator weights and the execution weight total
 * exactly 100. The sum is exact; the score is rounded half up to 2 decimals and graded.
 */
export function scorePerformance(input: ScoreInput, bounds: GradeBounds = GRADE_BOUNDS_DEFAULT): ScoreOutcome {
  const problems: FieldProblem[] = [];
  const decimal = (text: unknown, path: string, what: string, min: "any" | "nonNegative" = "nonNegative"): Fraction | null => {
    const value = typeof text === "string" ? parseFraction(text) : null;
    if (!value) problems.push({ path, message: `${what}应为十进制数字字符串（如 "95" 或 "0.92"），现为 ${JSON.stringify(text)}` });
    else if (min === "nonNegative" && value.n < 0n) problems.push({ path, message: `${what}不能为负数` });
    return value;
  };
  const rate = typeof input.executionRate === "object" && input.executionRate !== null ? (input.executionRate.n < 0n ? decimal("-1", "executionRate", "预算执行率") : input.executionRate) : decimal(input.executionRate, "executionRate", "预算执行率");
  const executionWeight = decimal(input.executionWeight ?? EXECUTION_WEIGHT_DEFAULT, "executionWeight", "预算执行率权重");
  if (!Array.isArray(input.indicators)) return { ok: false, problems: [...problems, { path: "indicators", message: "indicators 应为指标数组" }] };
  if (input.indicators.length > TARGET_INDICATORS_MAX) return { ok: false, problems: [{ path: "indicators", message: `最多 ${TARGET_INDICATORS_MAX} 个指标` }] };
  const parsed = input.indicators.map((indicator, i) => {
    const at = `indicators.${i}`;
    const what = `第 ${i + 1} 个指标的`;
    const direction = indicator?.direction;
    if (!(performanceDirections as readonly string[]).includes(direction as string)) problems.push({ path: `${at}.direction`, message: `${what}方向应为 ">="、"<=" 或 "="，现为 ${JSON.stringify(direction)}` });
    return {
      direction: direction as PerformanceDirection,
      target: decimal(indicator?.target, `${at}.target`, `${what}目标值`),
      actual: decimal(indicator?.actual, `${at}.actual`, `${what}实际值`, "any"),
      weight: decimal(indicator?.weight, `${at}.weight`, `${what}权重`),
    };
  });
  if (problems.length) return { ok: false, problems };
  let weightTotal = executionWeight!;
  for (const p of parsed) weightTotal = fractionAdd(weightTotal, p.weight!);
  if (fractionCompare(weightTotal, fraction(100n)) !== 0) {
    return { ok: false, problems: [{ path: "indicators", message: `指标权重与预算执行率权重合计应为 100，现为 ${formatFraction(weightTotal)}` }] };
  }
  const executionPoints = fractionMultiply(executionWeight!, minOf(rate!, FRACTION_ONE));
  let total = executionPoints;
  const indicators: ScoredIndicator[] = parsed.map((p) => {
    const completion = completionOf(p.direction, p.target!, p.actual!);
    const points = fractionMultiply(p.weight!, completion);
    total = fractionAdd(total, points);
    return { completion: formatFractionPercent(completion), points: formatFraction(points) };
  });
  const score = formatFraction(total);
  return { ok: true, exact: total, result: { score, grade: gradeOf(parseFraction(score)!, bounds), executionPoints: formatFraction(executionPoints), indicators } };
}
