// The subsidy endpoints (惠农补贴): typed calls over the app's one request function, plus
// spreadsheet uploads (the file is the request body) and bank-file downloads.
import { API_BASE, ApiError, request } from "../../api.ts";
import type { MeAnswer } from "../../apiTypes.ts";
import { problemFromBody } from "../../lib/problem.ts";

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Q = Record<string, string | number | boolean | undefined>;

export interface Finding {
  code: string;
  severity: "error" | "warning";
  message: string;
}
export interface RowFinding extends Finding {
  row: number;
}
export interface Item {
  regionCode: string;
  code: string;
  name: string;
  basis: "household" | "person";
  unit: string;
  standard: string;
  periodKind: "year" | "month";
  fundSource: string;
  functionalCode: string;
  economicCode: string;
  active: boolean;
}
export interface Recipient {
  id: string;
  regionCode: string;
  villageCode: string;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  accountType: "card" | "passbook";
  bankName: string;
  householdNo: string;
  headOfHousehold: boolean;
  alive: boolean;
  official: boolean;
  cadre: boolean;
}
export type RosterStatus = "draft" | "villageReview" | "townshipReview" | "notice" | "districtReview" | "payment" | "closed" | "rejected";
export interface Roster {
  id: string;
  regionCode: string;
  villageCode: string | null;
  villageName: string | null;
  itemCode: string;
  itemName: string;
  period: string;
  status: RosterStatus;
  sourceName: string;
  lineCount: number;
  total: string;
  errorCount: number;
  warningCount: number;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  indicatorId: string | null;
  reservationId: string | null;
  flowInstanceId: string | null;
  createdAt: string;
}
export type LineStatus = "unpaid" | "inBank" | "paid" | "failed";
export interface Line {
  lineNo: number;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  bankName: string;
  quantity: string;
  standard: string | null;
  amount: string;
  remark: string;
  findings: Finding[];
  reviewNote: string | null;
  withdrawn: boolean;
  openObjections: number;
  status: LineStatus;
  paidOn: string | null;
  failReason: string | null;
}
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
export interface LineAnswer {
  roster: Roster;
  line: Line;
  findings: RowFinding[];
}
export interface RepaymentLine extends Line {
  rosterId: string;
  itemName: string;
  period: string;
}
export interface Objection {
  id: string;
  lineNo: number;
  name: string;
  raisedBy: string;
  reason: string;
  raisedAt: string;
  outcome: "upheld" | "dismissed" | null;
  outcomeNote: string | null;
  resolvedAt: string | null;
}
export interface Batch {
  id: string;
  rosterId: string;
  batchNo: string;
  bankCode: string;
  kind: "first" | "repayment";
  lineCount: number;
  total: string;
  createdAt: string;
  paidCount: number;
  failedCount: number;
  pendingCount: number;
}
export interface Notice {
  roster: Roster;
  townshipName: string;
  lines: { lineNo: number; villageName: string; name: string; residentIdMasked: string; quantity: string; amount: string }[];
  howToObject: string;
}
export interface Article {
  id: string;
  regionCode: string;
  title: string;
  body: string;
  published: boolean;
  updatedAt: string;
}
export interface RosterTask {
  id: string;
  state: string;
  stateName: string;
  deadlineAt: string | null;
  overdue: boolean;
  ownerName: string;
  actions: { action: string; label: string; noteRequired: boolean }[];
  history: { at: string; actorName: string; actionLabel: string; note: string | null }[];
}
export interface ResultReport {
  lines: number;
  newlyPaid: number;
  newlyFailed: number;
  alreadyKnown: number;
  duplicatePayments: number;
  paidAmount: string;
}
export interface Recovery {
  id: string;
  rosterId: string;
  lineNo: number;
  name: string;
  residentIdMasked: string;
  amount: string;
  reason: string;
  recordedAt: string;
  recoveredOn: string | null;
}

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query: query as never, ...(signal ? { signal } : {}) });
const post = <T,>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

/** Uploads a file as the request body; the CSRF token is fetched fresh for it. */
export async function upload<T>(path: string, file: File | Blob, query: Q = {}, headers: Record<string, string> = {}): Promise<T> {
  const me = await request<MeAnswer>("/auth/me");
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${API_BASE}${path}${search.size ? `?${search}` : ""}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": file.type === "text/csv" ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "X-CSRF-Token": me.csrfToken, Accept: "application/json", ...headers },
    body: file,
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw problemFromBody(response.status, body);
  return body as T;
}

/** A JSON POST with extra headers (an Idempotency-Key for money-moving commands). */
export async function postWithKey<T>(path: string, body: unknown): Promise<T> {
  const me = await request<MeAnswer>("/auth/me");
  const response = await fetch(`${API_BASE}${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": me.csrfToken, "Idempotency-Key": newKey() },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const answer = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) throw problemFromBody(response.status, answer);
  return answer as T;
}

export const newKey = () => `web-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

export const subsidyApi = {
  items: (q: Q, signal?: AbortSignal) => get<Page<Item>>("/subsidy/items", q, signal),
  createItem: (body: unknown) => post<Item>("/subsidy/items", body),
  updateItem: (regionCode: string, code: string, body: unknown) => request<Item>(`/subsidy/items/${regionCode}/${code}`, { method: "PATCH", body }),
  recipients: (q: Q, signal?: AbortSignal) => get<Page<Recipient>>("/subsidy/recipients", q, signal),
  saveRecipient: (body: unknown) => post<Recipient>("/subsidy/recipients", body),
  updateRecipient: (id: string, body: unknown) => request<Recipient>(`/subsidy/recipients/${id}`, { method: "PATCH", body }),
  rosters: (q: Q, signal?: AbortSignal) => get<Page<Roster>>("/subsidy/rosters", q, signal),
  roster: (id: string, signal?: AbortSignal) => get<Roster>(`/subsidy/rosters/${id}`, undefined, signal),
  createRoster: (body: unknown) => post<Roster>("/subsidy/rosters", body),
  addLine: (id: string, body: LineInput) => post<LineAnswer>(`/subsidy/rosters/${id}/lines`, body),
  updateLine: (id: string, lineNo: number, body: LineInput) => request<LineAnswer>(`/subsidy/rosters/${id}/lines/${lineNo}`, { method: "PUT", body }),
  deleteLine: (id: string, lineNo: number) => request<Roster>(`/subsidy/rosters/${id}/lines/${lineNo}`, { method: "DELETE" }),
  lines: (id: string, q: Q, signal?: AbortSignal) => get<Page<Line>>(`/subsidy/rosters/${id}/lines`, q, signal),
  noteLine: (id: string, lineNo: number, note: string) => post<void>(`/subsidy/rosters/${id}/lines/${lineNo}/note`, { note }),
  correctCard: (id: string, lineNo: number, body: unknown) => post<Line>(`/subsidy/rosters/${id}/lines/${lineNo}/card`, body),
  setIndicator: (id: string, indicatorId: string) => post<Roster>(`/subsidy/rosters/${id}/indicator`, { indicatorId }),
  flow: (id: string) => get<RosterTask>(`/subsidy/rosters/${id}/flow`),
  move: (id: string, body: { action: string; expectedState: string; note?: string }) => post<RosterTask>(`/subsidy/rosters/${id}/transitions`, body),
  notice: (id: string) => get<Notice>(`/subsidy/rosters/${id}/notice`),
  objections: (id: string) => get<Objection[]>(`/subsidy/rosters/${id}/objections`),
  recordObjection: (id: string, body: unknown) => post<Objection>(`/subsidy/rosters/${id}/objections`, body),
  resolveObjection: (objectionId: string, body: unknown) => post<Objection>(`/subsidy/objections/${objectionId}/resolve`, body),
  createBatch: (id: string, body: { bankCode: string; kind: "first" | "repayment" }) => postWithKey<Batch>(`/subsidy/rosters/${id}/batches`, body),
  importResult: (batchId: string, file: File) => upload<ResultReport>(`/subsidy/batches/${batchId}/result`, file, { format: file.name.toLowerCase().endsWith(".csv") ? "csv" : "xlsx" }, { "Idempotency-Key": newKey(), ...(file.name.toLowerCase().endsWith(".csv") ? { "Content-Type": "text/csv" } : {}) }),
  batches: (q: Q, signal?: AbortSignal) => get<Page<Batch>>("/subsidy/batches", q, signal),
  batchFileUrl: (id: string) => `${API_BASE}/subsidy/batches/${id}/file`,
  repayments: (q: Q, signal?: AbortSignal) => get<Page<RepaymentLine>>("/subsidy/repayments", q, signal),
  recoveries: (q: Q, signal?: AbortSignal) => get<Page<Recovery>>("/subsidy/recoveries", q, signal),
  recordRecovery: (id: string, body: unknown) => post<Recovery>(`/subsidy/rosters/${id}/recoveries`, body),
  recoveryReceipt: (recoveryId: string, body: { recoveredOn: string; note?: string }) => postWithKey<{ recoveryId: string; amount: string; recoveredOn: string }>(`/subsidy/recoveries/${recoveryId}/receipt`, body),
  articles: () => get<Article[]>("/subsidy/articles"),
  saveArticle: (body: unknown, id?: string) => (id ? request<Article>(`/subsidy/articles/${id}`, { method: "PATCH", body }) : post<Article>("/subsidy/articles", body)),
};

export { ApiError };
