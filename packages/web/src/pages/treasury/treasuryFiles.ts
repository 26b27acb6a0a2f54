// The treasury calls beyond budgetApi.ts: a payment's stored attachments (upload as multipart, list,
// download, remove before submitting) and refunds after paid (支付后退款).
import type { AttachmentView, Items, RefundView, YearEndRun } from "@xiangcai/shared";
import { request } from "../../api.ts";
import { download } from "../budget/budgetApi.ts";

export type { AttachmentView as Attachment, RefundView as Refund } from "@xiangcai/shared";

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}

export const treasuryFiles = {
  upload: (file: File, regionCode?: string) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<AttachmentView>("/treasury/attachments", { method: "POST", body: form, query: { regionCode } });
  },
  remove: (id: string) => request<undefined>(`/treasury/attachments/${id}`, { method: "DELETE" }),
  list: (paymentId: string, signal?: AbortSignal) => request<Items<AttachmentView>>(`/treasury/payments/${paymentId}/attachments`, { signal }),
  download: (a: AttachmentView) => download(`/treasury/attachments/${a.id}/content`, {}, a.fileName),
  refunds: (paymentId: string, signal?: AbortSignal) => request<Items<RefundView>>(`/treasury/payments/${paymentId}/refunds`, { signal }),
  refund: (paymentId: string, body: { amount: string; reason: string; documentNo: string }, key: string) => request<RefundView>(`/treasury/payments/${paymentId}/refunds`, { method: "POST", body, idempotencyKey: key }),
};

export type { YearEndRun, YearEndTownshipResult } from "@xiangcai/shared";

export const yearEndApi = {
  start: (fiscalYear: number, key: string) => request<YearEndRun>("/budget/year-end/district-runs", { method: "POST", body: { fiscalYear }, idempotencyKey: key }),
  run: (id: string, signal?: AbortSignal) => request<YearEndRun>(`/budget/year-end/district-runs/${id}`, { signal }),
};
