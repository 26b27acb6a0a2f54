// The treasury calls beyond budgetApi.ts: a payment's stored attachments (upload as multipart, list,
// download, remove before submitting) and refunds after paid (支付后退款).
import type { YearEndRun } from "@xiangcai/shared";
import { API_BASE, request } from "../../api.ts";
import type { MeAnswer } from "../../apiTypes.ts";
import { problemFromBody } from "../../lib/problem.ts";
import { download, newIdempotencyKey } from "../budget/budgetApi.ts";

export interface Attachment {
  id: string;
  regionCode: string;
  ownerId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface Refund {
  id: string;
  paymentId: string;
  amount: string;
  reason: string;
  documentNo: string;
  refundedByName: string;
  refundedAt: string;
}

async function send<T>(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<T> {
  const me = await request<MeAnswer>("/auth/me");
  const response = await fetch(`${API_BASE}${path}`, { credentials: "same-origin", ...init, headers: { Accept: "application/json", "X-CSRF-Token": me.csrfToken, ...init.headers } });
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw problemFromBody(response.status, answer);
  return answer as T;
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} 字节`;
}

export const treasuryFiles = {
  upload: (file: File, regionCode?: string) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return send<Attachment>(`/treasury/attachments${regionCode ? `?regionCode=${regionCode}` : ""}`, { method: "POST", body: form });
  },
  remove: (id: string) => send<undefined>(`/treasury/attachments/${id}`, { method: "DELETE" }),
  list: (paymentId: string, signal?: AbortSignal) => request<{ items: Attachment[] }>(`/treasury/payments/${paymentId}/attachments`, { signal }),
  download: (a: Attachment) => download(`/treasury/attachments/${a.id}/content`, {}, a.fileName),
  refunds: (paymentId: string, signal?: AbortSignal) => request<{ items: Refund[] }>(`/treasury/payments/${paymentId}/refunds`, { signal }),
  refund: (paymentId: string, body: { amount: string; reason: string; documentNo: string }, key: string = newIdempotencyKey()) =>
    send<Refund>(`/treasury/payments/${paymentId}/refunds`, { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify(body) }),
};

export type { YearEndRun, YearEndTownshipResult } from "@xiangcai/shared";

export const yearEndApi = {
  start: (fiscalYear: number, key: string) => send<YearEndRun>("/budget/year-end/district-runs", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify({ fiscalYear }) }),
  run: (id: string, signal?: AbortSignal) => request<YearEndRun>(`/budget/year-end/district-runs/${id}`, { signal }),
};
