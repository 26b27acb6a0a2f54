// The service hall in Excel: the register of matters (服务事项台账) exported by the list's filters, the
// import template, and the import of matters a village's agent collected (村（社区）代办) on a sheet:
// every row is checked first, every bad row is named, and nothing is accepted if one is bad.
import { acceptMatterBody, matterCategoryNames, matterChannelNames, matterStatusNames, satisfactionNames, type MatterImportResult } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { columnsOf, readUploadedSheet, refuseRows, rowsForExport, workbookOf } from "../platform/sheets.ts";
import type { Actor } from "../identity/index.ts";
import { acceptMatter, assertTownship, listMatters, villagesOf, type MatterFilter } from "./service.ts";
import { categoryFromText, checkApplicant } from "./rules.ts";

export const MATTER_IMPORT_ROWS_MAX = 500;

const IMPORT_HEADERS = { village: "村（社区）", name: "姓名", idNumber: "身份证号", phone: "联系电话", category: "事项类别", content: "事项内容" } as const;

export function matterTemplate(): Promise<Buffer> {
  return workbookOf("村代办事项", Object.values(IMPORT_HEADERS), [["东风村", "张三", "", "13800000000", "补贴发放查询", "耕地地力保护补贴今年是否已发放到卡"]], [14, 10, 22, 16, 14, 60]);
}

/** Matters collected by villages, accepted in one go by the importer (their first owner). */
export async function importMatters(tx: Db, actor: Actor, keys: DataKeys, regionCode: string, body: unknown, at: Date): Promise<MatterImportResult> {
  await assertTownship(tx, actor, regionCode);
  const sheet = await readUploadedSheet(body, MATTER_IMPORT_ROWS_MAX);
  const col = columnsOf(sheet.header, IMPORT_HEADERS);
  const villages = await villagesOf(tx, regionCode);
  const villageByName = new Map(villages.map((v) => [v.name, v.code]));
  const errors: { row: number; field: string; message: string }[] = [];
  const inputs: Parameters<typeof acceptMatter>[3][] = [];
  for (const { row, cells } of sheet.rows) {
    const cell = (k: keyof typeof col) => (cells[col[k]] ?? "").trim();
    const err = (field: string, message: string) => errors.push({ row, field, message: `第${row}行：${message}` });
    const villageCode = villageByName.get(cell("village")) ?? villages.find((v) => v.code === cell("village"))?.code;
    if (!villageCode) err("village", cell("village") ? `村（社区）“${cell("village")}”不属于本乡镇` : "请填写村（社区）");
    const category = categoryFromText(cell("category"));
    if (!category) err("category", `事项类别“${cell("category")}”应为 ${Object.values(matterCategoryNames).join("、")} 之一`);
    for (const p of checkApplicant({ applicantIdNumber: cell("idNumber"), applicantPhone: cell("phone") }, at).problems) err(p.path === "applicantIdNumber" ? "idNumber" : "phone", p.message);
    const input = { regionCode, category: category ?? "other", channel: "village", villageCode: villageCode ?? null, applicantName: cell("name"), applicantIdNumber: cell("idNumber"), applicantPhone: cell("phone"), content: cell("content") };
    const parsed = acceptMatterBody.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        if (field === "applicantName") err("name", issue.message);
        else if (field === "content") err("content", issue.message);
      }
    }
    if (parsed.success && villageCode && category) inputs.push(parsed.data);
  }
  if (sheet.rows.length === 0) errors.push({ row: 2, field: "rows", message: "表格没有数据行" });
  if (errors.length) refuseRows(errors, "事项");
  const matterNos: string[] = [];
  for (const input of inputs) matterNos.push((await acceptMatter(tx, actor, keys, input, at, { villages, via: "import" })).matterNo);
  return { created: matterNos.length, matterNos };
}

export async function mattersWorkbook(db: Db, actor: Actor, keys: DataKeys, filter: MatterFilter, now: Date): Promise<Buffer> {
  const items = await rowsForExport(db, (tx, page) => listMatters(tx, actor, keys, filter, page, now));
  return workbookOf(
    "服务事项台账",
    ["乡镇", "受理编号", "事项类别", "受理渠道", "村（社区）", "来办人", "身份证号", "联系电话", "事项内容", "受理时间", "受理人", "首问负责人", "承诺办结时限", "状态", "是否超期", "上报说明", "区财政局答复", "答复内容", "答复时间", "是否按时办结", "满意度"],
    items.map((m) => [
      m.regionName,
      m.matterNo,
      matterCategoryNames[m.category],
      matterChannelNames[m.channel],
      m.villageName ?? "",
      m.applicantName,
      m.applicantIdMasked ?? "",
      m.applicantPhoneMasked ?? "",
      m.content,
      chinaMinute(m.acceptedAt),
      m.acceptedByName,
      m.ownerName,
      chinaMinute(m.promisedBy),
      matterStatusNames[m.status],
      m.overdue ? "超期" : "",
      m.reportNote ?? "",
      m.districtReply ?? "",
      m.answer ?? "",
      m.answeredAt ? chinaMinute(m.answeredAt) : "",
      m.onTime === null ? "" : m.onTime ? "是" : "否",
      m.satisfaction ? satisfactionNames[m.satisfaction] : "",
    ]),
    [10, 18, 12, 14, 12, 10, 22, 16, 50, 17, 10, 10, 17, 14, 8, 30, 30, 50, 17, 12, 10],
  );
}
