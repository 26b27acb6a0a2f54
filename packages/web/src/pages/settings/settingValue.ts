// How a setting's value reads and is edited, by kind: pure helpers, tested beside.
import { formatYuanText, type SettingField, type SettingView } from "@xiangcai/shared";

export interface CalendarValue {
  holidays: string[];
  extraWorkdays: string[];
}

/** Lines of YYYY-MM-DD days from a text area: blank lines and spaces ignored, sorted, unique. */
export function parseDayLines(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean))].sort();
}

type FormOf = Pick<SettingView, "kind" | "form">;

/** One value of a form field read in Chinese: 120%, 不限, 是. */
function fieldText(field: SettingField, value: unknown): string {
  if (value === null || value === undefined || value === "") return field.nullLabel ?? "（未填）";
  if (field.type === "boolean") return value ? "是" : "否";
  return `${String(value)}${field.unit ?? ""}`;
}

const fieldsText = (fields: readonly SettingField[], value: unknown, separator: string): string =>
  fields.map((f) => `${f.label} ${fieldText(f, (value as Record<string, unknown> | null)?.[f.key])}`).join(separator);

/** A short Chinese reading of a value for the table, by its kind and form. */
export function describeValue(setting: FormOf, value: unknown, roleName: (code: string) => string): string {
  const { kind, form } = setting;
  if (kind === "roleList") return Array.isArray(value) && value.length ? value.map((r) => roleName(String(r))).join("、") : "（无）";
  if (kind === "calendar") {
    const c = value as Partial<CalendarValue>;
    return `节假日 ${c.holidays?.length ?? 0} 天，调休上班 ${c.extraWorkdays?.length ?? 0} 天`;
  }
  if (kind === "integerMap") {
    const entries = Object.entries((value ?? {}) as Record<string, unknown>);
    const label = (key: string) => form.rows?.find((r) => r.key === key)?.label ?? key;
    return entries.length ? entries.map(([k, v]) => `${label(k)}：${String(v)} ${form.unit ?? ""}`.trimEnd()).join("；") : "（均用默认值）";
  }
  // An amount in yuan reads in the one money format (50,000.00 元).
  if (kind === "decimal" && form.unit === "元") return `${formatYuanText(String(value))} 元`;
  if (kind === "integer" || kind === "decimal") return `${String(value)}${form.unit ? ` ${form.unit}` : ""}`;
  if (kind === "choice") return form.options?.find((o) => o.value === value)?.label ?? String(value);
  if (kind === "fields") return fieldsText(form.fields ?? [], value, "；");
  if (kind === "table") {
    const rows = value as Record<string, unknown>;
    return (form.rows ?? []).map((r) => `${r.label}：${fieldsText(form.fields ?? [], rows[r.key], "，")}`).join("；");
  }
  if (kind === "bankLayouts") {
    const layouts = Array.isArray(value) ? (value as BankLayoutValue[]) : [];
    return layouts.length ? layouts.map((l) => `${l.name}（${l.format === "csv" ? "CSV" : "Excel"}，${l.columns.length} 列）`).join("、") : "（无）";
  }
  return String(value);
}

/** A bank's file layout as the settings page edits it (subsidy bank files). */
export interface BankLayoutValue {
  code: string;
  name: string;
  format: "csv" | "xlsx";
  columns: { header: string; field: string }[];
  result: { referenceNo: string; outcome: string; reason: string; paidOn: string; paidValues: string[] };
}

/** The form fields of a fields or table value: "f:key" or "row:key" → text (numbers as they read), or a switch's boolean. */
export function formFieldsOf(setting: FormOf, value: unknown): Record<string, unknown> {
  const fields = setting.form.fields ?? [];
  const shown = (f: SettingField, v: unknown) => (f.type === "boolean" ? Boolean(v) : v === null || v === undefined ? "" : String(v));
  if (setting.kind === "fields") return Object.fromEntries(fields.map((f) => [`f:${f.key}`, shown(f, (value as Record<string, unknown>)[f.key])]));
  const rows = value as Record<string, Record<string, unknown>>;
  return Object.fromEntries((setting.form.rows ?? []).flatMap((r) => fields.map((f) => [`${r.key}:${f.key}`, shown(f, rows[r.key]?.[f.key])])));
}

/** A field the person filled in wrongly: its form name and the reason. */
export class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function fieldValue(f: SettingField, name: string, raw: unknown, label: string): unknown {
  if (f.type === "boolean") return Boolean(raw);
  const text = String(raw ?? "").trim();
  if (text === "") {
    if (f.nullLabel) return null;
    throw new FieldProblem(name, `请填写${label}`);
  }
  if (f.type === "text") return text;
  if (f.type === "integer") {
    if (!/^-?\d+$/.test(text)) throw new FieldProblem(name, `${label}须为整数`);
    return Number(text);
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new FieldProblem(name, `${label}须为数字`);
  return text;
}

/** The value a fields or table form stands for; throws a FieldProblem for a field that cannot be read. */
export function valueOfFormFields(setting: FormOf, form: Record<string, unknown>): unknown {
  const fields = setting.form.fields ?? [];
  if (setting.kind === "fields") return Object.fromEntries(fields.map((f) => [f.key, fieldValue(f, `f:${f.key}`, form[`f:${f.key}`], f.label)]));
  return Object.fromEntries(
    (setting.form.rows ?? []).map((r) => [r.key, Object.fromEntries(fields.map((f) => [f.key, fieldValue(f, `${r.key}:${f.key}`, form[`${r.key}:${f.key}`], `${r.label}的${f.label}`)]))]),
  );
}
