// Pure rules of the service hall: the time limit of each category (限时办结, a setting), the
// matter number, masking a phone number, whether an answer was on time and the on-time rate, and
// the check of an applicant's ID number and phone. No database, no clock.
import { checkResidentId, formatDecimal, matterCategories, percentOf, matterCategoryNames, PHONE_PATTERN, type MatterCategory } from "@xiangcai/shared";

/**
 * Working days from acceptance to the answer, by category (configurable per district and township):
 * a question of policy is answered the next working day, a payment query in two, an application or
 * a change of details in five, a complaint in ten.
 */
export const DEFAULT_TIME_LIMITS: Readonly<Record<MatterCategory, number>> = { policyQuery: 1, paymentQuery: 2, application: 5, infoChange: 5, complaint: 10, other: 5 };
export const TIME_LIMIT_DAYS_MAX = 60;

/** A stored or submitted value of the time limits: known categories, whole days from 1 to 60. */
export function parseTimeLimits(raw: unknown): Partial<Record<MatterCategory, number>> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new Error("须为各类事项的工作日数");
  const out: Partial<Record<MatterCategory, number>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(matterCategories as readonly string[]).includes(key)) throw new Error(`“${key}”不是事项类别`);
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > TIME_LIMIT_DAYS_MAX) throw new Error(`“${matterCategoryNames[key as MatterCategory]}”的办结时限须为 1-${TIME_LIMIT_DAYS_MAX} 的整数`);
    out[key as MatterCategory] = value as number;
  }
  return out;
}

export function timeLimitOf(limits: Partial<Record<MatterCategory, number>>, category: MatterCategory): number {
  return limits[category] ?? DEFAULT_TIME_LIMITS[category];
}

export const MATTER_SEQ_MAX = 99_999;

/** 受理编号: FW + year + the township's three digits + a five-digit number of the year, FW2026101-00001. */
export function matterNoOf(year: number, regionCode: string, seq: number): string {
  if (!/^[0-9]{9}$/.test(regionCode)) throw new RangeError(`matterNoOf: ${regionCode} is not a township code`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MATTER_SEQ_MAX) throw new RangeError(`matterNoOf: seq ${seq} out of range`);
  return `FW${year}${regionCode.slice(6, 9)}-${String(seq).padStart(5, "0")}`;
}

/** The number part of a 受理编号 (the next one is this plus one). */
export function matterSeqOf(matterNo: string): number {
  const m = /^FW[0-9]{7}-([0-9]{5})$/.exec(matterNo);
  if (!m) throw new RangeError(`matterSeqOf: ${matterNo} is not a matter number`);
  return Number(m[1]);
}

/** The phone as stored: spaces and the hyphen of a landline kept only between area code and number. */
export function normalizePhone(raw: string): string {
  return raw.replaceAll(/\s/g, "");
}

/** "13812345678" → "138****5678"; "0515-88881234" → "0515-****1234"; too short to mask partly → all asterisks. */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone);
  const dash = phone.indexOf("-");
  if (dash > 0) {
    const number = phone.slice(dash + 1);
    return `${phone.slice(0, dash)}-${number.length > 4 ? "*".repeat(number.length - 4) + number.slice(-4) : "*".repeat(number.length)}`;
  }
  if (chars.length < 8) return "*".repeat(chars.length);
  return `${chars.slice(0, 3).join("")}${"*".repeat(chars.length - 7)}${chars.slice(-4).join("")}`;
}

/** Answered by the promised deadline (the deadline's instant itself is on time). */
export function answeredOnTime(answeredAt: Date, promisedBy: Date): boolean {
  return answeredAt.getTime() <= promisedBy.getTime();
}

/** A share of counts in percent with one decimal, rounded half up: 2 of 3 → "66.7"; null when there is no base. */
export function shareInPercent(part: number, whole: number): string | null {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || part < 0 || whole < 0 || part > whole) throw new RangeError(`shareInPercent: ${part} of ${whole}`);
  if (whole === 0) return null;
  return formatDecimal(percentOf(BigInt(part), BigInt(whole), 1));
}

export interface ApplicantCheck {
  idNumber: string | null;
  phone: string | null;
  problems: { path: string; message: string }[];
}

/** The applicant's ID number (GB 11643, as of `today`) and phone, each optional; empty means not given. */
export function checkApplicant(input: { applicantIdNumber?: string | undefined; applicantPhone?: string | undefined }, today: Date): ApplicantCheck {
  const problems: { path: string; message: string }[] = [];
  let idNumber: string | null = null;
  const rawId = (input.applicantIdNumber ?? "").trim();
  if (rawId) {
    const id = checkResidentId(rawId, today);
    if (id.valid) idNumber = id.normalized;
    else problems.push({ path: "applicantIdNumber", message: id.reason === "CHECKSUM" ? "身份证号校验位不正确" : id.reason === "BIRTH_DATE" ? "身份证号中的出生日期不正确" : "身份证号应为18位（末位可为X）" });
  }
  let phone: string | null = null;
  const rawPhone = normalizePhone(input.applicantPhone ?? "");
  if (rawPhone) {
    if (PHONE_PATTERN.test(rawPhone)) phone = rawPhone;
    else problems.push({ path: "applicantPhone", message: "联系电话应为11位手机号或带区号的固定电话" });
  }
  return { idNumber, phone, problems };
}

const categoryByName = new Map<string, MatterCategory>(matterCategories.map((c) => [matterCategoryNames[c], c]));

/** A category from its Chinese name or its code, as a clerk may type either in a sheet. */
export function categoryFromText(text: string): MatterCategory | null {
  const t = text.trim();
  return categoryByName.get(t) ?? ((matterCategories as readonly string[]).includes(t) ? (t as MatterCategory) : null);
}
