// Request schemas of subsidies on one card (惠民惠农补贴“一卡通”), shared by server and web app.
import { z } from "zod";
import { calendarDate, pageQuery, regionCodeSchema, searchText } from "./common.ts";

export const subsidyItemCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "项目代码为1-40位字母、数字、下划线或连字符");
export const subsidyPeriodSchema = z.string().regex(/^[0-9]{4}(-(0[1-9]|1[0-2]))?$/, "期间应为 YYYY 或 YYYY-MM");
export const villageCodeSchema = z.string().regex(/^[0-9]{12}$/, "村（居）代码应为12位数字");
const yuan = z.string().regex(/^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/, "金额应为元，最多两位小数");
const booleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const subsidyBasisNames = { household: "按户", person: "按人" } as const;
export const subsidyPeriodKindNames = { year: "按年", month: "按月" } as const;
export const rosterStatusNames = {
  draft: "村级录入",
  villageReview: "村级审核",
  townshipReview: "乡镇审核",
  notice: "公示中",
  districtReview: "区财政审核",
  payment: "发放中",
  closed: "已办结",
  rejected: "不予发放",
} as const;
export const rosterStatuses = Object.keys(rosterStatusNames) as (keyof typeof rosterStatusNames)[];
export const lineStatusNames = { unpaid: "待发放", inBank: "银行处理中", paid: "已发放", failed: "发放失败" } as const;
export const referenceKinds = ["deceased", "official", "cadre"] as const;

export const subsidyItemListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional(), q: searchText.optional(), active: booleanQuery.optional() });
export const createSubsidyItemBody = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  code: subsidyItemCodeSchema,
  name: z.string().trim().min(1, "请输入项目名称").max(100),
  basis: z.enum(["household", "person"]),
  unit: z.string().trim().min(1, "请输入计量单位").max(10),
  standard: yuan,
  periodKind: z.enum(["year", "month"]),
  fundSource: z.string().trim().min(1, "请输入资金来源").max(100),
  functionalCode: z.string().trim().max(20).optional(),
  economicCode: z.string().trim().max(20).optional(),
  active: z.boolean().optional(),
});
export const updateSubsidyItemBody = createSubsidyItemBody.omit({ regionCode: true, code: true }).partial();

export const recipientListQuery = z.strictObject({ ...pageQuery, regionCode: regionCodeSchema.optional(), villageCode: villageCodeSchema.optional(), q: searchText.optional(), alive: booleanQuery.optional() });
export const saveRecipientBody = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  villageCode: villageCodeSchema,
  name: z.string().trim().min(1, "请输入姓名").max(50),
  residentId: z.string().trim().min(1, "请输入身份证号").max(18),
  card: z.string().trim().max(23).nullable().optional(),
  accountType: z.enum(["card", "passbook"]).optional(),
  bankName: z.string().trim().max(50).optional(),
  householdNo: z.string().trim().max(30).optional(),
  headOfHousehold: z.boolean().optional(),
  alive: z.boolean().optional(),
  official: z.boolean().optional(),
  cadre: z.boolean().optional(),
});
export const updateRecipientBody = saveRecipientBody.omit({ regionCode: true, residentId: true }).partial();
export const importQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });

export const rosterListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  villageCode: villageCodeSchema.optional(),
  itemCode: subsidyItemCodeSchema.optional(),
  period: subsidyPeriodSchema.optional(),
  status: z.enum(rosterStatuses as [string, ...string[]]).optional(),
});
export const rosterImportQuery = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  villageCode: villageCodeSchema.optional(),
  itemCode: subsidyItemCodeSchema,
  period: subsidyPeriodSchema,
  sourceName: z.string().trim().max(200).optional(),
});
/** Starts an empty roster whose lines are entered one by one. */
export const createRosterBody = rosterImportQuery;
/** A line entered by hand: the roster's columns as a clerk types them; the import's row checks judge them. */
export const rosterLineBody = z.strictObject({
  name: z.string().trim().max(50),
  residentId: z.string().trim().max(30),
  card: z.string().trim().max(30),
  bank: z.string().trim().max(50).optional(),
  village: z.string().trim().max(50).optional(),
  quantity: z.string().trim().max(20).optional(),
  standard: z.string().trim().max(20).optional(),
  amount: z.string().trim().max(20),
  remark: z.string().trim().max(200).optional(),
});
/** A change to an entered line: the ID and card numbers are kept when left out (the page shows them masked). */
export const rosterLineUpdateBody = rosterLineBody.partial({ residentId: true, card: true });
export const rosterFileQuery = z.strictObject({ sourceName: z.string().trim().max(200).optional() });
export const rosterLineListQuery = z.strictObject({
  ...pageQuery,
  findings: z.enum(["any", "error", "warning"]).optional(),
  status: z.enum(["unpaid", "inBank", "paid", "failed"]).optional(),
  q: searchText.optional(),
});
export const lineNoteBody = z.strictObject({ note: z.string().trim().min(1, "请填写审核意见").max(500) });
export const lineCardBody = z.strictObject({ card: z.string().trim().min(1, "请输入银行卡号").max(23), bankName: z.string().trim().max(50).optional(), accountType: z.enum(["card", "passbook"]).optional() });
export const rosterIndicatorBody = z.strictObject({ indicatorId: z.string().trim().min(1).max(60) });
export const objectionBody = z.strictObject({ lineNo: z.number().int().min(1), raisedBy: z.string().trim().min(1, "请填写反映人").max(50), reason: z.string().trim().min(1, "请填写异议理由").max(500) });
export const resolveObjectionBody = z.strictObject({ outcome: z.enum(["upheld", "dismissed"]), note: z.string().trim().min(1, "请填写核实结果").max(500) });
export const createBatchBody = z.strictObject({ bankCode: z.string().trim().min(1).max(20), kind: z.enum(["first", "repayment"]) });
export const batchListQuery = z.strictObject({ ...pageQuery, rosterId: z.string().uuid().optional() });
export const bankResultQuery = z.strictObject({ format: z.enum(["xlsx", "csv"]).optional() });
export const recoveryBody = z.strictObject({ lineNo: z.number().int().min(1), amount: yuan, reason: z.string().trim().min(1, "请填写原因").max(500) });
export const recoveryReceiptBody = z.strictObject({
  recoveredOn: calendarDate,
  note: z.string().trim().max(500).optional(),
});
export const articleBody = z.strictObject({ regionCode: regionCodeSchema.optional(), title: z.string().trim().min(1, "请输入标题").max(100), body: z.string().trim().min(1, "请输入正文").max(20000), published: z.boolean() });
export const publicArticleQuery = z.strictObject({ regionCode: regionCodeSchema.optional() });

/** The residents' query (stable contract): ID number and name, nothing else. */
export const subsidyQueryBody = z.strictObject({
  idNumber: z.string().trim().min(1, "请输入身份证号").max(18, "身份证号为18位"),
  name: z.string().trim().min(1, "请输入姓名").max(50),
});
