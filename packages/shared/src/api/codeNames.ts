// The names of classification codes for reading (a payment order, budget lines, indicators): the
// published catalogue is reference data every signed-in user may read, a bounded set per request.
import { z } from "zod";
import { classificationKinds, fiscalYearSchema } from "./budget.ts";

/** Codes per look-up: a page of lines or one document's codes, never a whole catalogue. */
export const CODE_NAMES_MAX = 200;

export const codeNamesQuery = z.strictObject({
  fiscalYear: fiscalYearSchema,
  kind: z.enum(classificationKinds),
  codes: z
    .string()
    .regex(/^[0-9]{1,12}(,[0-9]{1,12})*$/, "编码以逗号分隔")
    .refine((s) => s.split(",").length <= CODE_NAMES_MAX, `一次最多查询 ${CODE_NAMES_MAX} 个编码`),
});

/** code → name for the codes the catalogue of the year has; unknown codes are left out. */
export interface CodeNamesView {
  names: Record<string, string>;
}
