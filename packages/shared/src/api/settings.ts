import { z } from "zod";
import { regionCodeSchema } from "./common.ts";

export const settingListQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });
export const settingChangeBody = z.strictObject({ regionCode: regionCodeSchema, value: z.unknown() });
