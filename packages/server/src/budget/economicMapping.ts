// The published correspondence between the department economic classification (部门预算支出经济分类,
// 30x) and the government economic classification (政府预算支出经济分类, 50x), DOMAIN.md §6, shipped as
// default data in data/*.csv. The 50x side depends on who spends: wages of an administrative organ
// (机关) are 501, those of a public institution (事业单位) are a subsidy to it, 505. Look-ups go by
// code, most specific row first: the item (款) for the unit's kind, the item for any kind, then its
// class (类) for the unit's kind, then the class for any kind. A code whose class has no row is
// unknown and refused.
import { readFileSync } from "node:fs";
import { defaultCatalogRows, parseCsv } from "../catalog/index.ts";
import { fail } from "./indicators.ts";

export type MappingUnitKind = "administrative" | "publicInstitution";

export interface GovernmentEconomicClass {
  /** The 50x code the department code maps to: a class (3 digits) or an item (5 digits). */
  code: string;
  name: string;
  /** Its class (类), 3 digits, with the class name: what the draft totals add up by. */
  classCode: string;
  className: string;
}

export interface EconomicMapping {
  /** (department code, unit kind or "*") → government code. */
  rows: ReadonlyMap<string, string>;
  governmentNames: ReadonlyMap<string, string>;
}

const key = (departmentCode: string, unitKind: string) => `${departmentCode}|${unitKind}`;

/** Reads the two shipped CSV files, checking that every mapped 50x code has a name. */
export function loadEconomicMapping(read: (file: string) => string = (file) => readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8")): EconomicMapping {
  const governmentNames = new Map<string, string>();
  for (const [code, name] of parseCsv(read("economic-classification-government.csv")).slice(1)) {
    if (code && name) governmentNames.set(code.trim(), name.trim());
  }
  const rows = new Map<string, string>();
  for (const [departmentCode, unitKind, governmentCode] of parseCsv(read("economic-classification-mapping.csv")).slice(1)) {
    if (!departmentCode) continue;
    const d = departmentCode.trim();
    const g = (governmentCode ?? "").trim();
    const k = (unitKind ?? "").trim();
    if (!/^3[0-9]{2}([0-9]{2})?$/.test(d) || !["administrative", "publicInstitution", "*"].includes(k)) throw new Error(`economic mapping row ${d},${k} is malformed`);
    if (!governmentNames.has(g) || !governmentNames.has(g.slice(0, 3))) throw new Error(`economic mapping ${d} → ${g}: no such government economic code`);
    if (rows.has(key(d, k))) throw new Error(`economic mapping row ${d},${k} twice`);
    rows.set(key(d, k), g);
  }
  return { rows, governmentNames };
}

let shipped: EconomicMapping | null = null;
/** The shipped mapping, read once. */
export function economicMapping(): EconomicMapping {
  shipped ??= loadEconomicMapping();
  return shipped;
}

/** Budget units that are neither organs nor public institutions (people's organisations …) are mapped as organs. */
export function mappingKindOf(budgetUnitKind: string): MappingUnitKind {
  return budgetUnitKind === "publicInstitution" ? "publicInstitution" : "administrative";
}

/** The 50x class of a department economic code (3 or 5 digits) for a kind of unit, or null when the code is unknown. */
export function governmentEconomicOf(departmentCode: string, unitKind: MappingUnitKind, mapping: EconomicMapping = economicMapping()): GovernmentEconomicClass | null {
  if (!/^3[0-9]{2}([0-9]{2})?$/.test(departmentCode)) return null;
  const top = departmentCode.slice(0, 3);
  const candidates = departmentCode.length === 5 ? [key(departmentCode, unitKind), key(departmentCode, "*"), key(top, unitKind), key(top, "*")] : [key(top, unitKind), key(top, "*")];
  for (const candidate of candidates) {
    const code = mapping.rows.get(candidate);
    if (code) {
      const classCode = code.slice(0, 3);
      return { code, name: mapping.governmentNames.get(code)!, classCode, className: mapping.governmentNames.get(classCode)! };
    }
  }
  return null;
}

const departmentNames = () => new Map(defaultCatalogRows("economic").map((r) => [r.code, r.name]));

/** The look-up answer for one code, or UNKNOWN_CLASSIFICATION when its class has no 50x counterpart. */
export function lookupEconomicMapping(code: string, unitKind: MappingUnitKind): { departmentCode: string; departmentName: string | null; unitKind: MappingUnitKind; government: GovernmentEconomicClass } {
  const government = governmentEconomicOf(code, unitKind);
  if (!government) return fail("UNKNOWN_CLASSIFICATION", `部门预算支出经济分类 ${code} 不在已发布的部门经济分类与政府经济分类对应表中。`, [{ path: "code", message: "没有对应的政府预算支出经济分类" }]);
  const names = departmentNames();
  return { departmentCode: code, departmentName: names.get(code) ?? names.get(code.slice(0, 3)) ?? null, unitKind, government };
}

/** The shipped department catalogue, each code with its 50x class for an organ and for a public institution. */
export function economicMappingTable(): { departmentCode: string; departmentName: string; administrative: GovernmentEconomicClass | null; publicInstitution: GovernmentEconomicClass | null }[] {
  return defaultCatalogRows("economic").map((r) => ({ departmentCode: r.code, departmentName: r.name, administrative: governmentEconomicOf(r.code, "administrative"), publicInstitution: governmentEconomicOf(r.code, "publicInstitution") }));
}
