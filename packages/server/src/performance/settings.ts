// The performance domain's configurable rules (DOMAIN.md §10 "configurable"), declared with
// defineSetting beside the code that uses them, so the office edits them on the settings page:
// weights, grade bounds, monitoring frequency, what a red monitoring result triggers, and the rule
// by which a grade feeds next year's budget.
import { checkGradeBounds, checkWeights, GRADE_BOUNDS_DEFAULT, parseFraction, PERFORMANCE_WEIGHTS_DEFAULT, performanceGrades, type GradeBounds, type PerformanceGrade, type PerformanceWeights } from "@xiangcai/shared";
import { choiceSetting, decimalFields, defineSetting } from "../platform/settings.ts";

const decimalField = (raw: Record<string, unknown>, key: string, label: string): string => {
  const value = raw[key];
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== "string" || !parseFraction(text)) throw new Error(`“${label}”须为数字`);
  return text;
};
const object = (raw: unknown, what: string): Record<string, unknown> => {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error(`须为${what}`);
  return raw as Record<string, unknown>;
};

export const weightsSetting = defineSetting<PerformanceWeights>({
  key: "performance.weights",
  name: "绩效评价权重",
  description: "预算执行率、产出、效益、满意度指标的权重，合计 100；默认 10、50、30、10。绩效目标表各一级指标下三级指标的权重之和须等于此处的权重。",
  kind: "fields",
  form: decimalFields(undefined, ["execution", "预算执行率"], ["output", "产出"], ["effect", "效益"], ["satisfaction", "满意度"]),

  levels: ["district", "township"],
  parse(raw) {
    const r = object(raw, "预算执行率、产出、效益、满意度四项权重");
    const weights = { execution: decimalField(r, "execution", "预算执行率"), output: decimalField(r, "output", "产出"), effect: decimalField(r, "effect", "效益"), satisfaction: decimalField(r, "satisfaction", "满意度") };
    const problem = checkWeights(weights);
    if (problem) throw new Error(problem);
    return weights;
  },
  fallback: PERFORMANCE_WEIGHTS_DEFAULT,
});

export const gradeBoundsSetting = defineSetting<GradeBounds>({
  key: "performance.gradeBounds",
  name: "绩效评价等级分数线",
  description: "优、良、中的最低分，低于“中”为差；默认 90、80、60。",
  kind: "fields",
  form: decimalFields("分", ["excellent", "优"], ["good", "良"], ["fair", "中"]),

  levels: ["district", "township"],
  parse(raw) {
    const r = object(raw, "优、良、中三条分数线");
    const bounds = { excellent: decimalField(r, "excellent", "优"), good: decimalField(r, "good", "良"), fair: decimalField(r, "fair", "中") };
    const problem = checkGradeBounds(bounds);
    if (problem) throw new Error(problem);
    return bounds;
  },
  fallback: GRADE_BOUNDS_DEFAULT,
});

export type MonitoringFrequency = "month" | "quarter";

export const monitoringFrequencySetting = choiceSetting<MonitoringFrequency>({
  key: "performance.monitoringFrequency",
  name: "绩效运行监控频次",
  description: "预算单位填报三级指标实际完成值的频次：按月，或按季度（3、6、9、12 月）；默认按月。",
  names: { month: "按月", quarter: "按季度" },
  levels: ["district", "township"],
  fallback: "month",
});

export type RedAction = "none" | "adjustmentProposal" | "paymentHold" | "both";
export const redActionNames: Record<RedAction, string> = { none: "仅要求说明原因和纠偏措施", adjustmentProposal: "生成预算调整建议", paymentHold: "暂停项目后续支付", both: "生成调整建议并暂停后续支付" };

export const redActionSetting = choiceSetting<RedAction>({
  key: "performance.monitoringRedAction",
  name: "监控红灯的处理",
  description: "三级指标监控为红灯时，除须说明原因和纠偏措施外：不另作处理、生成预算调整建议（由财政所处理）、暂停该项目后续支付（直至财政所解除），或两者都做；默认生成预算调整建议。",
  names: redActionNames,
  levels: ["district", "township"],
  fallback: "adjustmentProposal",
});

/**
 * How a grade feeds the next budget for the same project, unit or policy: the largest change
 * against the current year's budget, in percent (null: no limit, e.g. 优 may grow; 0: flat; −20: cut
 * at least 20%), whether the limit is enforced at review (otherwise it is a warning), and the advice
 * shown to the reviewer. Stopping (returning the line) is always allowed.
 */
export interface ResultRule {
  maxChangePercent: number | null;
  enforced: boolean;
  advice: string;
}
export type ResultRules = Record<PerformanceGrade, ResultRule>;

export const RESULT_RULES_DEFAULT: ResultRules = {
  优: { maxChangePercent: null, enforced: false, advice: "绩效优秀，下年度可适当增加安排" },
  良: { maxChangePercent: 0, enforced: false, advice: "绩效良好，下年度原则上持平安排" },
  中: { maxChangePercent: 0, enforced: false, advice: "绩效一般，下年度原则上持平安排，并督促整改" },
  差: { maxChangePercent: -20, enforced: true, advice: "绩效差，下年度须压减至少 20% 或停止安排" },
};

export const resultRulesSetting = defineSetting<ResultRules>({
  key: "performance.resultRules",
  name: "绩效评价结果应用规则",
  description: "各等级对下年度预算的要求：最大增减为相对本年度预算的最大变动百分比（空为不限，0 持平，-20 即压减至少 20%），强制的在审核时拦截（否则仅提示），提示语给审核人看。默认优可增加、良和中持平（提示）、差压减至少 20%（强制，所长可登记例外）。",
  kind: "table",
  form: {
    rows: performanceGrades.map((grade) => ({ key: grade, label: grade })),
    fields: [
      { key: "maxChangePercent", label: "最大增减", type: "integer", unit: "%", nullLabel: "不限" },
      { key: "enforced", label: "强制", type: "boolean" },
      { key: "advice", label: "提示语", type: "text" },
    ],
  },
  levels: ["district", "township"],
  parse(raw) {
    const r = object(raw, "按等级（优、良、中、差）的规则");
    const rules = {} as ResultRules;
    for (const grade of performanceGrades) {
      const rule = object(r[grade], `等级“${grade}”的规则`);
      const change = rule.maxChangePercent;
      if (change !== null && (typeof change !== "number" || !Number.isInteger(change) || change < -100 || change > 1000)) throw new Error(`等级“${grade}”的最大增减须为 -100 至 1000 的整数，或留空（不限）`);
      if (typeof rule.enforced !== "boolean") throw new Error(`等级“${grade}”须选择是否强制`);
      if (typeof rule.advice !== "string" || !rule.advice.trim() || rule.advice.length > 200) throw new Error(`等级“${grade}”须有提示语（不超过 200 字）`);
      rules[grade] = { maxChangePercent: change as number | null, enforced: rule.enforced, advice: rule.advice };
    }
    return rules;
  },
  fallback: RESULT_RULES_DEFAULT,
});
