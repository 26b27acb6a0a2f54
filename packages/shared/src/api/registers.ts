// Request schemas and answer types of the registers (台账): policy documents, tax sources with their
// monthly tax, and basic data per village and year.
import { z } from "zod";
import { calendarDate, pageQuery, regionCodeSchema, searchText, uuidSchema } from "./common.ts";
import { fiscalYearSchema } from "./budget.ts";

const dateSchema = calendarDate;
export const policyLevels = ["central", "province", "city", "district"] as const;
export const policyLevelNames = { central: "中央", province: "省", city: "市", district: "区" } as const;

export const policyDocumentBody = z.strictObject({
  regionCode: regionCodeSchema,
  documentNo: z.string().trim().min(1, "请填写文号").max(100),
  title: z.string().trim().min(2, "请填写标题").max(300),
  issuer: z.string().trim().min(2, "请填写发文机关").max(100),
  level: z.enum(policyLevels),
  issuedDate: dateSchema,
  subject: z.string().trim().max(2000).default(""),
  scope: z.string().trim().max(500).default(""),
  effectiveDate: dateSchema,
  expiryDate: dateSchema.nullable().default(null),
  subsidyItemCodes: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  functionalCodes: z.array(z.string().regex(/^[0-9]{3,7}$/, "功能分类科目代码为3-7位数字")).max(50).default([]),
});
export const policyDocumentPatch = policyDocumentBody.omit({ regionCode: true }).partial().extend({ status: z.enum(["active", "repealed"]).optional(), reason: z.string().trim().min(2, "请说明修改原因").max(200) });
export const policyListQuery = z.strictObject({
  ...pageQuery,
  q: searchText.optional(),
  level: z.enum(policyLevels).optional(),
  regionCode: regionCodeSchema.optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  status: z.enum(["active", "repealed"]).optional(),
});

export const taxSourceBody = z.strictObject({
  regionCode: regionCodeSchema,
  creditCode: z.string().trim().length(18, "统一社会信用代码应为18位"),
  name: z.string().trim().min(2).max(200),
  kind: z.enum(["enterprise", "individual"]),
  industry: z.string().trim().min(1).max(100),
  villageCode: z.string().regex(/^[0-9]{12}$/).nullable().default(null),
  taxKinds: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export const taxSourceListQuery = z.strictObject({ ...pageQuery, q: searchText.optional(), kind: z.enum(["enterprise", "individual"]).optional(), industry: z.string().max(100).optional(), regionCode: regionCodeSchema.optional(), villageCode: z.string().regex(/^[0-9]{12}$/).optional() });
export const taxYearQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), year: fiscalYearSchema, limit: z.coerce.number().int().min(1).max(100).default(20) });

export const basicDataBody = z.strictObject({
  regionCode: z.string().regex(/^[0-9]{12}$/, "须为村（居）区划代码"),
  year: fiscalYearSchema,
  population: z.coerce.number().int().min(0).max(10_000_000),
  households: z.coerce.number().int().min(0).max(10_000_000),
  farmlandMu: z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/, "面积（亩）最多4位小数"),
  forestMu: z.string().regex(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,4})?$/, "面积（亩）最多4位小数"),
  otherBases: z.record(z.string().max(40), z.string().max(40)).default({}),
});
export const basicDataListQuery = z.strictObject({ ...pageQuery, year: fiscalYearSchema.optional(), regionCode: regionCodeSchema.optional(), q: searchText.optional() });
export const registerHistoryQuery = z.strictObject({ register: z.enum(["policyDocument", "taxSource", "taxPayment", "basicData"]), recordKey: z.string().min(1).max(200) });
export const registerImportQuery = z.strictObject({ regionCode: regionCodeSchema });
export const registersOverviewQuery = z.strictObject({ year: fiscalYearSchema });
export const registerIdParams = z.strictObject({ id: uuidSchema });

export interface PolicyDocumentView {
  id: string;
  regionCode: string;
  regionName: string;
  documentNo: string;
  title: string;
  issuer: string;
  level: (typeof policyLevels)[number];
  levelName: string;
  issuedDate: string;
  subject: string;
  scope: string;
  effectiveDate: string;
  expiryDate: string | null;
  /** Days until expiry from today (negative when expired), or null when it does not expire. */
  daysToExpiry: number | null;
  attachment: { id: string; fileName: string; sizeBytes: number } | null;
  subsidyItemCodes: string[];
  functionalCodes: string[];
  status: "active" | "repealed";
  updatedAt: string;
}

export interface TaxSourceView {
  id: string;
  regionCode: string;
  regionName: string;
  creditCode: string;
  name: string;
  kind: "enterprise" | "individual";
  industry: string;
  villageCode: string | null;
  villageName: string | null;
  taxKinds: string[];
  status: "active" | "closed";
  /** Tax paid in the last 12 months up to the latest month imported. */
  last12Months: string;
}

export interface TaxSourceDetailView extends TaxSourceView {
  months: { month: string; byKind: Record<string, string>; total: string }[];
}

export interface TaxRankingRow {
  rank: number;
  id: string;
  name: string;
  creditCode: string;
  industry: string;
  regionName: string;
  paid: string;
  previousYear: string;
  /** Year-on-year change in percent (2 decimals), or null when nothing was paid last year. */
  change: string | null;
  share: string;
}

export interface TaxRankingView {
  items: TaxRankingRow[];
  total: string;
  /** Last year's tax over the same months (同期). */
  previousTotal: string;
  /** The latest month (MM) imported this year: the change compares January to it in both years; null when nothing is imported. */
  throughMonth: string | null;
}

/** One township of the district's side-by-side page of the registers. */
export interface RegistersOverviewRow {
  regionCode: string;
  regionName: string;
  policyDocuments: number;
  expiringSoon: number;
  taxSources: number;
  taxPaid: string;
  taxPreviousYear: string;
  taxChange: string | null;
  villagesWithData: number;
  population: number;
  farmlandMu: string;
}

export interface RegistersOverviewView {
  year: number;
  throughMonth: string | null;
  rows: RegistersOverviewRow[];
  total: Omit<RegistersOverviewRow, "regionCode" | "regionName">;
}

export interface RevenueEstimateView {
  regionCode: string;
  year: number;
  basisYear: number;
  /** The basis year's last month imported (MM) when the year is not over: basis and previous are then 1–MM (同期), fullYear completes it. */
  throughMonth: string | null;
  byKind: { taxKind: string; basis: string; previous: string; growth: string | null; fullYear: string; estimate: string }[];
  total: { basis: string; previous: string; growth: string | null; fullYear: string; estimate: string };
  growthCap: string;
}

export interface BasicDataView {
  regionCode: string;
  villageName: string;
  townshipName: string;
  year: number;
  population: number;
  households: number;
  farmlandMu: string;
  forestMu: string;
  otherBases: Record<string, string>;
  updatedAt: string;
}

export interface RegisterEventView {
  action: string;
  actorName: string;
  at: string;
  before: unknown;
  after: unknown;
}
