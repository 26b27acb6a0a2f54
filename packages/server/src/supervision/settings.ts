// The thresholds of the supervision rules: settings per district, with a township's own value when
// the district sets one for it (districtOnly: a township cannot loosen the rules it is supervised by).
// Amounts are stored as yuan strings ("50000.00"), read as fen.
import { formatYuan, parseYuan, tryParseYuan } from "@xiangcai/shared";
import { and, inArray, like } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { defineSetting, settingChain, type SettingDefinition } from "../platform/settings.ts";
import { setting } from "../platform/settingsTable.ts";

function integerIn(min: number, max: number) {
  return (raw: unknown): number => {
    if (typeof raw !== "number" || !Number.isInteger(raw) || raw < min || raw > max) throw new Error(`须为 ${min}-${max} 的整数`);
    return raw;
  };
}

/**
 * A yuan amount, stored as a JSON string ("50000.00"). A number is read too: a jsonb string that looks
 * like a number comes back from the driver as one (50000.00 → 50000), and String() of it is exact for
 * amounts with at most two decimals; anything finer is refused by the yuan parser.
 */
function yuanSetting(raw: unknown): string {
  if (typeof raw !== "string" && !(typeof raw === "number" && Number.isFinite(raw))) throw new Error("须为金额（元，如 \"50000.00\"）");
  const parsed = tryParseYuan(String(raw));
  if (!parsed.ok || parsed.fen <= 0n) throw new Error("须为大于零的金额（元，最多两位小数）");
  return formatYuan(parsed.fen);
}

const common = { levels: ["district", "township"] as const, districtOnly: true };

export const splitWindowDaysSetting = defineSetting<number>({
  ...common,
  key: "supervision.splitPayment.windowDays",
  name: "拆分支付：统计天数",
  description: "同一收款人的多笔支付录入日期相距不超过这些天数的，合并计算是否达到审批额度；默认 30 天。",
  kind: "integer",
  parse: integerIn(1, 366),
  fallback: 30,
});

export const splitThresholdSetting = defineSetting<string>({
  ...common,
  key: "supervision.splitPayment.approvalThreshold",
  name: "拆分支付：审批额度（元）",
  description: "单笔达到此额度的支付须集体研究或上级审批；每笔低于此额度、合计达到此额度的视为拆分支付。默认 50000.00 元。",
  kind: "decimal",
  form: { unit: "元" },
  parse: yuanSetting,
  fallback: "50000.00",
});

export const personalThresholdSetting = defineSetting<string>({
  ...common,
  key: "supervision.personalAccount.threshold",
  name: "个人账户大额支付：阈值（元）",
  description: "向个人账户支付（对个人和家庭的补助除外）高于此金额的提示；默认 50000.00 元。",
  kind: "decimal",
  form: { unit: "元" },
  parse: yuanSetting,
  fallback: "50000.00",
});

export const idleMonthsSetting = defineSetting<number>({
  ...common,
  key: "supervision.idleFunds.months",
  name: "资金沉淀：无支付月数",
  description: "指标有可用资金而连续这些个月没有支付（自下达或最后一笔支付起）的提示；默认 6 个月。",
  kind: "integer",
  parse: integerIn(1, 36),
  fallback: 6,
});

export const idleDirectDaysSetting = defineSetting<number>({
  ...common,
  key: "supervision.idleFunds.directTransferDays",
  name: "资金沉淀：直达资金未使用天数",
  description: "上级转移支付（直达资金）指标下达后超过这些天仍未使用（未占用、未支付、未调出）的提示；默认 30 天。",
  kind: "integer",
  parse: integerIn(1, 366),
  fallback: 30,
});

export const surgePercentSetting = defineSetting<number>({
  ...common,
  key: "supervision.yearEndSurge.percent",
  name: "年底突击花钱：12 月支付占比（%）",
  description: "一个单位 12 月支付额超过全年支付额的这一百分比的提示；默认 30%。",
  kind: "integer",
  parse: integerIn(1, 100),
  fallback: 30,
});

export const subsidyLateDaysSetting = defineSetting<number>({
  ...common,
  key: "supervision.subsidyLate.days",
  name: "补贴发放不及时：公示结束后天数",
  description: "清册公示结束超过这些天仍有未发放的行的提示；默认 15 天。",
  kind: "integer",
  parse: integerIn(1, 366),
  fallback: 15,
});

export const largeWithoutAttachmentSetting = defineSetting<string>({
  ...common,
  key: "supervision.largeWithoutAttachment.threshold",
  name: "大额支付无附件：阈值（元）",
  description: "高于此金额的支付申请须附合同、发票等；没有任何附件的提示。默认 100000.00 元。",
  kind: "decimal",
  form: { unit: "元" },
  parse: yuanSetting,
  fallback: "100000.00",
});

export const runEveryHoursSetting = defineSetting<number>({
  key: "supervision.runEveryHours",
  name: "监管规则定时运行间隔（小时）",
  description: "全区所有监管规则定时运行一次的间隔；0 表示不定时运行（仍可随时手动运行，业务事件也会触发相关规则）。默认 24 小时。",
  kind: "integer",
  levels: ["district"],
  districtOnly: true,
  parse: integerIn(0, 24 * 31),
  fallback: 24,
});

/** Every threshold a rule reads, by key (the rules page lists them beside each rule). */
export const thresholdSettings: readonly SettingDefinition<unknown>[] = [
  splitWindowDaysSetting,
  splitThresholdSetting,
  personalThresholdSetting,
  idleMonthsSetting,
  idleDirectDaysSetting,
  surgePercentSetting,
  subsidyLateDaysSetting,
  largeWithoutAttachmentSetting,
] as SettingDefinition<unknown>[];

/** The thresholds in force for one township, money in fen. */
export interface Thresholds {
  splitWindowDays: number;
  splitThresholdFen: bigint;
  personalThresholdFen: bigint;
  idleMonths: number;
  idleDirectDays: number;
  surgePercent: number;
  subsidyLateDays: number;
  largeWithoutAttachmentFen: bigint;
}

export const defaultThresholds: Thresholds = {
  splitWindowDays: 30,
  splitThresholdFen: 5_000_000n,
  personalThresholdFen: 5_000_000n,
  idleMonths: 6,
  idleDirectDays: 30,
  surgePercent: 30,
  subsidyLateDays: 15,
  largeWithoutAttachmentFen: 10_000_000n,
};

function thresholdsFrom(value: <T>(def: SettingDefinition<T>) => T): Thresholds {
  return {
    splitWindowDays: value(splitWindowDaysSetting),
    splitThresholdFen: parseYuan(value(splitThresholdSetting)),
    personalThresholdFen: parseYuan(value(personalThresholdSetting)),
    idleMonths: value(idleMonthsSetting),
    idleDirectDays: value(idleDirectDaysSetting),
    surgePercent: value(surgePercentSetting),
    subsidyLateDays: value(subsidyLateDaysSetting),
    largeWithoutAttachmentFen: parseYuan(value(largeWithoutAttachmentSetting)),
  };
}

/**
 * The thresholds of many townships at once, read in one query: each township's own value, else its
 * district's, else the default. A stored value the rule no longer accepts counts as not set.
 */
export async function thresholdsFor(db: Db, townships: readonly string[]): Promise<Map<string, Thresholds>> {
  const chains = new Map(townships.map((t) => [t, settingChain(t)]));
  const codes = [...new Set([...chains.values()].flat())];
  const stored = codes.length
    ? await db.select({ regionCode: setting.regionCode, key: setting.key, value: setting.value }).from(setting).where(and(inArray(setting.regionCode, codes), like(setting.key, "supervision.%")))
    : [];
  const byKey = new Map<string, unknown>();
  for (const s of stored) byKey.set(`${s.regionCode}|${s.key}`, s.value);
  const result = new Map<string, Thresholds>();
  for (const [township, chain] of chains) {
    result.set(
      township,
      thresholdsFrom(<T>(def: SettingDefinition<T>): T => {
        for (const code of chain) {
          const raw = byKey.get(`${code}|${def.key}`);
          if (raw === undefined) continue;
          try {
            return def.parse(raw);
          } catch {
            return def.fallback;
          }
        }
        return def.fallback;
      }),
    );
  }
  return result;
}
