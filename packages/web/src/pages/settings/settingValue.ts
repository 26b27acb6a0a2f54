// How a setting's value reads and is edited, by kind: pure helpers, tested beside.

export interface CalendarValue {
  holidays: string[];
  extraWorkdays: string[];
}

/** Lines of YYYY-MM-DD days from a text area: blank lines and spaces ignored, sorted, unique. */
export function parseDayLines(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean))].sort();
}

/** "流程.环节 = 天数" lines into a map; the server checks the keys and the numbers. */
export function parseIntegerMapLines(text: string): Record<string, number> | string {
  const result: Record<string, number> = {};
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (!line) continue;
    const match = /^([^=：:]+?)\s*[=：:]\s*(\d+)$/.exec(line);
    if (!match) return `第 ${index + 1} 行应写成“流程.环节 = 天数”`;
    result[match[1]!.trim()] = Number(match[2]);
  }
  return result;
}

export function integerMapLines(value: unknown): string {
  if (typeof value !== "object" || value === null) return "";
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join("\n");
}

/** A short Chinese reading of a value for the table. */
export function describeValue(kind: string, value: unknown, roleName: (code: string) => string): string {
  if (kind === "roleList") return Array.isArray(value) && value.length ? value.map((r) => roleName(String(r))).join("、") : "（无）";
  if (kind === "calendar") {
    const c = value as Partial<CalendarValue>;
    return `节假日 ${c.holidays?.length ?? 0} 天，调休上班 ${c.extraWorkdays?.length ?? 0} 天`;
  }
  if (kind === "integerMap") {
    const entries = Object.entries((value ?? {}) as Record<string, unknown>);
    return entries.length ? entries.map(([k, v]) => `${k}：${String(v)} 个工作日`).join("；") : "（均用默认时限）";
  }
  if (kind === "integer") return String(value);
  return describeJson(value);
}

/** Chinese names of the keys and words the settings' JSON values use (the description explains them). */
const JSON_WORDS: Record<string, string> = {
  yellow: "黄线",
  orange: "橙线",
  red: "红线",
  excellent: "优",
  good: "良",
  fair: "中",
  poor: "差",
  execution: "预算执行率",
  output: "产出",
  effect: "效益",
  satisfaction: "满意度",
  month: "按月",
  quarter: "按季度",
  none: "不另作处理",
  adjustmentProposal: "生成预算调整建议",
  paymentHold: "暂停项目后续支付",
  both: "生成调整建议并暂停后续支付",
  maxChangePercent: "最大增减（%）",
  enforced: "强制",
  advice: "建议",
  true: "是",
  false: "否",
  null: "不限",
};

/** A JSON value read as a sentence: known words in Chinese, strings without quotes, objects as "名 值". */
export function describeJson(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return JSON_WORDS.null!;
  if (typeof value === "string") return JSON_WORDS[value] ?? value;
  if (typeof value === "number" || typeof value === "boolean") return JSON_WORDS[String(value)] ?? String(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => describeJson(v, depth + 1)).join("、") : "（无）";
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return "（无）";
  const text = entries.map(([k, v]) => `${JSON_WORDS[k] ?? k} ${describeJson(v, depth + 1)}`);
  return depth === 0 ? text.join("；") : `（${text.join("，")}）`;
}
