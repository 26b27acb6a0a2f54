// The subsidy endpoints (惠农补贴): typed calls over the app's one request function, spreadsheet
// uploads (the file is the request body) and bank-file downloads; the money-moving commands (a
// batch, a bank result, a recovery receipt) take the caller's Idempotency-Key.
import type {
  ArticleView,
  NoticeView,
  ObjectionView,
  Page,
  RecipientImportReport,
  RecipientView,
  RecoveryReceiptView,
  RecoveryRecordedView,
  RecoveryView,
  ReferenceListImportReport,
  RepaymentLineView,
  RosterImportAnswer,
  RosterLineAnswer,
  RosterLineView,
  RosterTaskView,
  RosterView,
  SubsidyBatchView,
  SubsidyItemView,
  SubsidyResultReport,
} from "@xiangcai/shared";
import { ApiError, download, request } from "../../api.ts";

export type Q = Record<string, string | number | boolean | undefined>;
// The answers' shapes are the API contract in @xiangcai/shared; the names here are the pages' own.
export type {
  Page,
  SubsidyFinding as Finding,
  RowFinding,
  SubsidyItemView as Item,
  RecipientView as Recipient,
  RosterStatus,
  RosterView as Roster,
  RosterLineStatus as LineStatus,
  RosterLineView as Line,
  RosterLineAnswer as LineAnswer,
  RepaymentLineView as RepaymentLine,
  ObjectionView as Objection,
  SubsidyBatchView as Batch,
  NoticeView as Notice,
  ArticleView as Article,
  RosterTaskView as RosterTask,
  SubsidyResultReport as ResultReport,
  RecoveryView as Recovery,
} from "@xiangcai/shared";

/** A line as the clerk types it; the server runs the import's checks on it. */
export interface LineInput {
  name: string;
  residentId: string;
  card: string;
  bank?: string;
  village?: string;
  quantity?: string;
  standard?: string;
  amount: string;
  remark?: string;
}

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query: query as never, ...(signal ? { signal } : {}) });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A spreadsheet's type on the wire: CSV by its type or name, Excel otherwise. */
const sheetType = (file: File | Blob) => (file.type === "text/csv" || (file instanceof File && file.name.toLowerCase().endsWith(".csv")) ? "text/csv" : XLSX_TYPE);

/** Uploads a spreadsheet as the request body (Excel or CSV), with the caller's key where it moves money. */
export function upload<T>(path: string, file: File | Blob, query: Q = {}, idempotencyKey?: string): Promise<T> {
  return request<T>(path, { method: "POST", body: file, contentType: sheetType(file), query, idempotencyKey });
}

export const subsidyApi = {
  items: (q: Q, signal?: AbortSignal) => get<Page<SubsidyItemView>>("/subsidy/items", q, signal),
  createItem: (body: unknown) => post<SubsidyItemView>("/subsidy/items", body),
  updateItem: (regionCode: string, code: string, body: unknown) => request<SubsidyItemView>(`/subsidy/items/${regionCode}/${code}`, { method: "PATCH", body }),
  recipients: (q: Q, signal?: AbortSignal) => get<Page<RecipientView>>("/subsidy/recipients", q, signal),
  saveRecipient: (body: unknown) => post<RecipientView>("/subsidy/recipients", body),
  updateRecipient: (id: string, body: unknown) => request<RecipientView>(`/subsidy/recipients/${id}`, { method: "PATCH", body }),
  importRecipients: (file: File) => upload<RecipientImportReport>("/subsidy/recipients/import", file),
  importReferenceList: (kind: "deceased" | "official" | "cadre", file: File) => upload<ReferenceListImportReport>(`/subsidy/reference-lists/${kind}/import`, file),
  rosters: (q: Q, signal?: AbortSignal) => get<Page<RosterView>>("/subsidy/rosters", q, signal),
  roster: (id: string, signal?: AbortSignal) => get<RosterView>(`/subsidy/rosters/${id}`, undefined, signal),
  createRoster: (body: unknown) => post<RosterView>("/subsidy/rosters", body),
  importRoster: (file: File, q: { itemCode: string; period: string; villageCode?: string | undefined; sourceName: string }) => upload<RosterImportAnswer>("/subsidy/rosters/import", file, q),
  replaceRosterFile: (id: string, file: File) => upload<RosterImportAnswer>(`/subsidy/rosters/${id}/file`, file, { sourceName: file.name }),
  addLine: (id: string, body: LineInput) => post<RosterLineAnswer>(`/subsidy/rosters/${id}/lines`, body),
  updateLine: (id: string, lineNo: number, body: LineInput) => request<RosterLineAnswer>(`/subsidy/rosters/${id}/lines/${lineNo}`, { method: "PUT", body }),
  deleteLine: (id: string, lineNo: number) => request<RosterView>(`/subsidy/rosters/${id}/lines/${lineNo}`, { method: "DELETE" }),
  lines: (id: string, q: Q, signal?: AbortSignal) => get<Page<RosterLineView>>(`/subsidy/rosters/${id}/lines`, q, signal),
  /** The roster's lines of the list's filters as Excel (发放台账: every line, ID and card numbers masked). */
  exportRecipients: (query: Q) => download("/subsidy/recipients/export", { query, fallbackName: "补贴对象名册.xlsx" }),
  exportLines: (id: string, query: Q) => download(`/subsidy/rosters/${id}/lines/export`, { query, fallbackName: "发放台账.xlsx" }),
  noteLine: (id: string, lineNo: number, note: string) => post<void>(`/subsidy/rosters/${id}/lines/${lineNo}/note`, { note }),
  correctCard: (id: string, lineNo: number, body: unknown) => post<RosterLineView>(`/subsidy/rosters/${id}/lines/${lineNo}/card`, body),
  setIndicator: (id: string, indicatorId: string) => post<RosterView>(`/subsidy/rosters/${id}/indicator`, { indicatorId }),
  flow: (id: string) => get<RosterTaskView>(`/subsidy/rosters/${id}/flow`),
  move: (id: string, body: { action: string; expectedState: string; note?: string }) => post<RosterTaskView>(`/subsidy/rosters/${id}/transitions`, body),
  notice: (id: string) => get<NoticeView>(`/subsidy/rosters/${id}/notice`),
  objections: (id: string) => get<ObjectionView[]>(`/subsidy/rosters/${id}/objections`),
  recordObjection: (id: string, body: unknown) => post<ObjectionView>(`/subsidy/rosters/${id}/objections`, body),
  resolveObjection: (objectionId: string, body: unknown) => post<ObjectionView>(`/subsidy/objections/${objectionId}/resolve`, body),
  /** Money moves when the bank pays the batch: the caller's key makes a retried click replay the first batch. */
  createBatch: (id: string, body: { bankCode: string; kind: "first" | "repayment" }, key: string) => request<SubsidyBatchView>(`/subsidy/rosters/${id}/batches`, { method: "POST", body, idempotencyKey: key }),
  importResult: (batchId: string, file: File, key: string) => upload<SubsidyResultReport>(`/subsidy/batches/${batchId}/result`, file, { format: sheetType(file) === "text/csv" ? "csv" : "xlsx" }, key),
  batches: (q: Q, signal?: AbortSignal) => get<Page<SubsidyBatchView>>("/subsidy/batches", q, signal),
  downloadBatchFile: (batch: Pick<SubsidyBatchView, "id" | "batchNo">) => download(`/subsidy/batches/${batch.id}/file`, { fallbackName: batch.batchNo }),
  repayments: (q: Q, signal?: AbortSignal) => get<Page<RepaymentLineView>>("/subsidy/repayments", q, signal),
  recoveries: (q: Q, signal?: AbortSignal) => get<Page<RecoveryView>>("/subsidy/recoveries", q, signal),
  recordRecovery: (id: string, body: unknown) => post<RecoveryRecordedView>(`/subsidy/rosters/${id}/recoveries`, body),
  recoveryReceipt: (recoveryId: string, body: { recoveredOn: string; note?: string }, key: string) => request<RecoveryReceiptView>(`/subsidy/recoveries/${recoveryId}/receipt`, { method: "POST", body, idempotencyKey: key }),
  articles: () => get<ArticleView[]>("/subsidy/articles"),
  saveArticle: (body: unknown, id?: string) => (id ? request<ArticleView>(`/subsidy/articles/${id}`, { method: "PATCH", body }) : post<ArticleView>("/subsidy/articles", body)),
};

export { ApiError };
