import { z } from "zod";
import { pageQuery, regionCodeSchema, searchText } from "./common.ts";

export const auditListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  actor: searchText.optional(),
  action: z.string().max(60).optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
  /** A day (YYYY-MM-DD, China time) or an instant with offset. */
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});
