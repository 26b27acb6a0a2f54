// Request schemas and answer types of the service hall (服务大厅): the matters residents bring to the
// township office's window (政策咨询, 补贴发放查询, 申报, 信息变更, 投诉), accepted by the first staff
// member they ask (首问负责), answered within the time limit of their category (限时办结), reported
// to the district when the township cannot answer them alone (审核上报), and closed (答复办结).
import { z } from "zod";
import { calendarDate, pageQuery, regionCodeSchema, searchText } from "./common.ts";
import { fiscalYearSchema } from "./budget.ts";

export const matterCategories = ["policyQuery", "paymentQuery", "application", "infoChange", "complaint", "other"] as const;
export type MatterCategory = (typeof matterCategories)[number];
export const matterCategoryNames: Record<MatterCategory, string> = {
  policyQuery: "政策咨询",
  paymentQuery: "补贴发放查询",
  application: "补贴申报",
  infoChange: "信息变更",
  complaint: "投诉举报",
  other: "其他事项",
};

export const matterChannels = ["window", "phone", "village", "letter"] as const;
export type MatterChannel = (typeof matterChannels)[number];
export const matterChannelNames: Record<MatterChannel, string> = { window: "窗口受理", phone: "电话受理", village: "村（社区）代办", letter: "来信" };

export const matterStatuses = ["handling", "reported", "answered"] as const;
export type MatterStatus = (typeof matterStatuses)[number];
export const matterStatusNames: Record<MatterStatus, string> = { handling: "办理中", reported: "已上报区财政局", answered: "已答复办结" };

export const satisfactionLevels = ["satisfied", "basic", "unsatisfied"] as const;
export type Satisfaction = (typeof satisfactionLevels)[number];
export const satisfactionNames: Record<Satisfaction, string> = { satisfied: "满意", basic: "基本满意", unsatisfied: "不满意" };

/** A mobile number (11 digits from 13–19) or a landline with its area code (0xx-xxxxxxx). */
export const PHONE_PATTERN = /^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;
export const MATTER_CONTENT_MAX = 1000;
export const MATTER_ANSWER_MAX = 2000;

const applicantName = z.string().trim().min(1, "请填写来办人姓名").max(30, "姓名最多30个字");
const optionalText = (max: number) => z.string().trim().max(max).optional();

export const acceptMatterBody = z.strictObject({
  regionCode: regionCodeSchema,
  category: z.enum(matterCategories, { message: "请选择事项类别" }),
  channel: z.enum(matterChannels, { message: "请选择受理渠道" }),
  villageCode: regionCodeSchema.nullable().optional(),
  applicantName,
  /** Checked as a resident ID (GB 11643) by the server; stored sealed, shown masked. */
  applicantIdNumber: optionalText(18),
  applicantPhone: z
    .string()
    .max(20)
    .transform((s) => s.replace(/\s/g, ""))
    .refine((s) => s === "" || PHONE_PATTERN.test(s), "联系电话应为11位手机号或带区号的固定电话")
    .optional(),
  content: z.string().trim().min(2, "请填写事项内容").max(MATTER_CONTENT_MAX, `事项内容最多${MATTER_CONTENT_MAX}字`),
});
export type AcceptMatterBody = z.infer<typeof acceptMatterBody>;

export const answerMatterBody = z.strictObject({
  answer: z.string().trim().min(2, "请填写答复内容").max(MATTER_ANSWER_MAX, `答复内容最多${MATTER_ANSWER_MAX}字`),
  satisfaction: z.enum(satisfactionLevels).optional(),
});

/** 回访: the resident's satisfaction, recorded once after the answer. */
export const followUpMatterBody = z.strictObject({ satisfaction: z.enum(satisfactionLevels), note: optionalText(200) });

export const matterListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  /** 受理编号, the applicant's name, or words of the content. */
  q: searchText.optional(),
  /** The applicant's full ID number: every matter of one resident. */
  idNumber: z.string().trim().max(18).optional(),
  category: z.enum(matterCategories).optional(),
  channel: z.enum(matterChannels).optional(),
  status: z.enum(matterStatuses).optional(),
  villageCode: regionCodeSchema.optional(),
  overdue: z.enum(["true", "false"]).optional(),
  acceptedFrom: calendarDate.optional(),
  acceptedTo: calendarDate.optional(),
});

/** The kiosk's progress query (办理进度): the number on the acceptance slip and the applicant's name. */
export const hallProgressBody = z.strictObject({
  matterNo: z.string().trim().toUpperCase().regex(/^FW[0-9]{7}-[0-9]{5}$/, "受理编号格式为 FW 加 7 位数字、短横线和 5 位数字"),
  name: z.string().trim().min(1, "请输入姓名").max(30),
});

/** What a resident sees of their matter at the kiosk: its kind, status and dates, never its content. */
export interface HallProgressItem {
  matterNo: string;
  category: MatterCategory;
  status: MatterStatus;
  /** China dates (YYYY-MM-DD). */
  acceptedOn: string;
  promisedOn: string;
  answeredOn: string | null;
  officeName: string;
}

export const hallStatsQuery = z.strictObject({ regionCode: regionCodeSchema.optional(), year: fiscalYearSchema });
export const hallImportQuery = z.strictObject({ regionCode: regionCodeSchema });

export interface ServiceMatterView {
  id: string;
  regionCode: string;
  regionName: string;
  matterNo: string;
  category: MatterCategory;
  channel: MatterChannel;
  villageCode: string | null;
  villageName: string | null;
  applicantName: string;
  applicantIdMasked: string | null;
  applicantPhoneMasked: string | null;
  content: string;
  status: MatterStatus;
  acceptedAt: string;
  acceptedByName: string;
  /** 首问负责人: who answers for it now (the acceptor unless handed over). */
  ownerName: string;
  /** 承诺办结时限: the deadline promised on the acceptance slip. */
  promisedBy: string;
  /** The current step's deadline (the district's while reported). */
  deadlineAt: string | null;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  /** Answered by the promised deadline; null while open. */
  onTime: boolean | null;
  satisfaction: Satisfaction | null;
  /** What the follow-up (回访) noted, if anything. */
  followUpNote: string | null;
  reportNote: string | null;
  districtReply: string | null;
  flowInstanceId: string;
}

/** 受理回执: what the resident takes home, printed at the window. */
export interface AcceptanceSlipView {
  matter: ServiceMatterView;
  officeName: string;
  timeLimitWorkingDays: number;
}

export interface MatterImportResult {
  created: number;
  matterNos: string[];
}

export interface HallStatsRow {
  accepted: number;
  answered: number;
  onTime: number;
  open: number;
  overdueOpen: number;
  /** Followed up as 满意 or 基本满意. */
  satisfied: number;
  /** Followed up as 不满意. */
  unsatisfied: number;
  /** 按时办结率 in percent with one decimal ("96.5"), null when nothing is answered. */
  onTimeRate: string | null;
}

export interface HallStatsView {
  year: number;
  totals: HallStatsRow;
  byCategory: (HallStatsRow & { category: MatterCategory })[];
  byMonth: { month: number; accepted: number; answered: number }[];
  byRegion: (HallStatsRow & { regionCode: string; regionName: string })[];
}
