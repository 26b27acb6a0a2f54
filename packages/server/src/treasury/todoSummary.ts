// The payment request as its approver sees it in the to-do drawer: payee and account, the indicator
// it draws on (with what is left), classification codes with their names, amount, purpose and the
// attachments, and a link to the full request. Read with the approver's rights; changes nothing.
import { formatYuan, fundNatureNames, type TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { listAttachments } from "../platform/attachments.ts";
import type { Actor } from "../identity/index.ts";
import { indicatorAvailability } from "../budget/index.ts";
import { classificationNamesOf, codeWithName } from "../catalog/index.ts";
import type { TodoMatter } from "../flow/index.ts";
import { getPayment, PAYMENT_ATTACHMENT_OWNER } from "./service.ts";

const METHOD_NAMES = { direct: "直接支付", authorised: "授权支付" } as const;

export async function paymentTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView> {
  const p = await getPayment(db, actor, matter.entityId);
  const [{ functional, economic }, availability, files] = await Promise.all([
    classificationNamesOf(db, p.regionCode, p.fiscalYear, { functional: [p.functionalCode], economic: [p.economicCode] }),
    indicatorAvailability(db, p.regionCode, p.indicatorId),
    listAttachments(db, p.regionCode, PAYMENT_ATTACHMENT_OWNER, p.id),
  ]);
  const payeeId = p.payeeKind === "organisation" ? (p.payeeCreditCode ? `统一社会信用代码 ${p.payeeCreditCode}` : "") : p.payeeIdMasked ? `身份证 ${p.payeeIdMasked}` : "";
  const warnings: string[] = [];
  // The request's own amount is already reserved on the indicator; what is left is after it.
  if (availability.availableFen === 0n) warnings.push("本笔支付后，该指标可用余额为零。");
  if (files.length === 0 && p.attachments.length === 0) warnings.push("本申请没有附件（发票、合同等），请核实后再审核。");
  return {
    kindName: "支付申请",
    headline: `${p.paymentNo} · ${p.payeeName}`,
    amount: { label: "支付金额", value: p.amount },
    fields: [
      { label: "预算单位", value: p.budgetUnitName },
      { label: "支付方式", value: METHOD_NAMES[p.method] },
      { label: "收款人", value: payeeId ? `${p.payeeName}（${payeeId}）` : p.payeeName, wide: true },
      { label: "收款账户", value: p.payeeAccount },
      { label: "开户银行", value: p.payeeBank },
      { label: "预算指标", value: `${p.indicatorDocumentNo} ${p.indicatorSummary}`, wide: true },
      { label: "功能分类", value: codeWithName(p.functionalCode, functional) },
      { label: "经济分类", value: codeWithName(p.economicCode, economic) },
      { label: "资金性质", value: fundNatureNames[p.fundNature as keyof typeof fundNatureNames] ?? p.fundNature },
      { label: "指标可用余额", value: formatYuan(availability.availableFen), kind: "money" },
      { label: "金额大写", value: p.amountInCapitals, wide: true },
      { label: "用途", value: p.purpose, wide: true },
    ],
    table: null,
    attachments: [
      ...files.map((f) => ({ name: f.fileName, downloadPath: `/treasury/attachments/${f.id}/content` })),
      // The request lists every document by name, stored files included: the rest are on paper.
      ...p.attachments.filter((name) => !files.some((f) => f.fileName === name)).map((name) => ({ name: `${name}（纸质）`, downloadPath: null })),
    ],
    link: { label: "查看支付申请", path: `/treasury/payments/${p.id}` },
    warnings,
  };
}
