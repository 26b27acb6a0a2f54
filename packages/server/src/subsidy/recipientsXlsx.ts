// 补贴对象名册 as Excel: the recipients of the list's filters and the user's scope (the list's own
// query, page by page, in one snapshot), as the page shows them — the ID and card numbers MASKED
// (masked once more, a no-op on a masked value, so a whole number stored by mistake still leaves only
// its masked form) — with the household, the account and the marks the checks rely on.
import { maskBankCard, maskResidentId } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { regionNames } from "../platform/regionTable.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { listRecipients } from "./registry.ts";

export const RECIPIENT_EXPORT_HEADER = ["乡镇", "村（居）", "姓名", "身份证号", "户号", "户主", "账户类型", "银行卡号", "开户银行", "健在", "公职人员", "村干部"] as const;

type RecipientFilter = Parameters<typeof listRecipients>[3];

/** The recipients of the list's filters, in the list's order, as a workbook. */
export async function recipientsWorkbook(db: Db, actor: Actor, keys: DataKeys, filter: RecipientFilter): Promise<Buffer> {
  const recipients = await rowsForExport(db, (tx, page) => listRecipients(tx, actor, keys, filter, page));
  const names = await regionNames(db, recipients.map((r) => r.regionCode));
  const yes = (b: boolean) => (b ? "是" : "否");
  const rows = recipients.map((r) => [
    names.get(r.regionCode) ?? r.regionCode, r.villageName, r.name, maskResidentId(r.residentIdMasked), r.householdNo, yes(r.headOfHousehold), r.accountType === "passbook" ? "存折" : "银行卡", maskBankCard(r.cardMasked), r.bankName,
    r.alive ? "是" : "已死亡", yes(r.official), yes(r.cadre),
  ]);
  return workbookOf("补贴对象名册", RECIPIENT_EXPORT_HEADER, rows, [10, 12, 10, 22, 10, 6, 8, 12, 18, 8, 8, 8]);
}
