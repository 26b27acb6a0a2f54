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
