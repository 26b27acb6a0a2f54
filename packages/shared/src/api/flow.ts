import { z } from "zod";
import { pageQuery, uuidSchema } from "./common.ts";

export const taskListQuery = z.strictObject({ ...pageQuery });
export const transitionBody = z.strictObject({
  action: z.string().regex(/^[a-zA-Z]{1,40}$/),
  note: z.string().max(500).optional(),
  expectedState: z.string().regex(/^[a-zA-Z]{1,40}$/),
});
export const handoverBody = z.strictObject({
  toUserId: uuidSchema,
  note: z.string().trim().min(1, "请填写转交说明").max(500),
});
