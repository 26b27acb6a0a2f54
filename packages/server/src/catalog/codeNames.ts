// Codes a person reads come with their names: "2010301 行政运行", not "2010301". One look-up per
// kind for a set of codes (a card, a page of lines), from the catalogue of the year.
import type { Db } from "../platform/db.ts";
import { classificationNames } from "./service.ts";

/** "2010301 行政运行", or the code alone when the catalogue of the year lacks it. */
export function codeWithName(code: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(code);
  return name ? `${code} ${name}` : code;
}

/** The names of functional and economic codes used together (an indicator, a line, a payment). */
export async function classificationNamesOf(db: Db, regionCode: string, fiscalYear: number, codes: { functional: readonly string[]; economic: readonly string[] }): Promise<{ functional: Map<string, string>; economic: Map<string, string> }> {
  const [functional, economic] = await Promise.all([
    classificationNames(db, regionCode, fiscalYear, "functional", codes.functional),
    classificationNames(db, regionCode, fiscalYear, "economic", codes.economic),
  ]);
  return { functional, economic };
}

/** Where an item's codes are named: its township and year, and its codes (an item may have no economic code). */
export interface CodesOfItem {
  regionCode: string;
  fiscalYear: number;
  functional: string;
  economic?: string;
}

/**
 * The codes' names of items of several townships and years (a district's export): one look-up per
 * township and year, each from that year's catalogue; answers the names for an item.
 */
export async function classificationNamesByYear<T>(db: Db, items: readonly T[], of: (item: T) => CodesOfItem): Promise<(item: T) => { functional: Map<string, string>; economic: Map<string, string> }> {
  const keyOf = (c: CodesOfItem) => `${c.regionCode}:${c.fiscalYear}`;
  const groups = new Map<string, { regionCode: string; fiscalYear: number; functional: string[]; economic: string[] }>();
  for (const item of items) {
    const codes = of(item);
    let group = groups.get(keyOf(codes));
    if (!group) groups.set(keyOf(codes), (group = { regionCode: codes.regionCode, fiscalYear: codes.fiscalYear, functional: [], economic: [] }));
    group.functional.push(codes.functional);
    if (codes.economic !== undefined) group.economic.push(codes.economic);
  }
  const names = new Map<string, Awaited<ReturnType<typeof classificationNamesOf>>>();
  for (const [key, group] of groups) names.set(key, await classificationNamesOf(db, group.regionCode, group.fiscalYear, group));
  return (item) => names.get(keyOf(of(item)))!;
}
