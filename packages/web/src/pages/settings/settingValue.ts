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
  return JSON.stringify(value);
}
