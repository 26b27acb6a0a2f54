// The debt endpoints (债务台账, 还本付息, 债务率) as typed calls; repayments carry the form's
// Idempotency-Key (a repayment is a treasury payment).
import type { CapacityView, DebtDetailView, DebtIndicatorsView, DebtView, DistrictDebtView } from "@xiangcai/shared";
import { ApiError, download, request } from "../../api.ts";
import type { Page } from "../../apiTypes.ts";

export type Q = Record<string, string | number | boolean | undefined>;
export type Debt = DebtView;
export type DebtDetail = DebtDetailView;
export type DebtIndicators = DebtIndicatorsView;
export type DistrictDebt = DistrictDebtView;
export type Capacity = CapacityView;
export interface ImportAnswer {
  ok: boolean;
  errors: { row: number; field: string; message: string }[];
  created?: number;
  lines?: number;
  debt?: DebtDetail | null;
}

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });

export const debtApi = {
  list: (q: Q, signal?: AbortSignal) => get<Page<Debt>>("/debt/debts", q, signal),
  get: (id: string, signal?: AbortSignal) => get<DebtDetail>(`/debt/debts/${id}`, undefined, signal),
  register: (body: unknown) => request<DebtDetail>("/debt/debts", { method: "POST", body }),
  amend: (id: string, body: unknown) => request<DebtDetail>(`/debt/debts/${id}`, { method: "PATCH", body }),
  regenerate: (id: string, body: unknown) => request<DebtDetail>(`/debt/debts/${id}/schedule`, { method: "POST", body }),
  setPlan: (id: string, body: unknown) => request<DebtDetail>(`/debt/debts/${id}/resolution-plan`, { method: "PUT", body }),
  repay: (id: string, body: unknown, key: string) => request<DebtDetail>(`/debt/debts/${id}/repayments`, { method: "POST", body, idempotencyKey: key }),
  preview: (body: unknown) => request<{ lines: { period: number; dueDate: string; principal: string; interest: string; payment: string; balance: string }[] }>("/debt/schedule-preview", { method: "POST", body }),
  importRegister: (file: File, regionCode: string | undefined) => importing<ImportAnswer>(`/debt/debts/import`, file, { regionCode }),
  importSchedule: (id: string, file: File) => importing<ImportAnswer>(`/debt/debts/${id}/schedule/import`, file),
  exportRegister: (q: Q) => download("/debt/debts/export", { query: q, fallbackName: "债务台账.xlsx" }),
  exportSchedule: (id: string) => download(`/debt/debts/${id}/schedule/export`, { fallbackName: "还本付息计划.xlsx" }),
  indicators: (q: Q, signal?: AbortSignal) => get<DebtIndicators>("/debt/indicators", q, signal),
  district: (q: Q, signal?: AbortSignal) => get<DistrictDebt>("/debt/district", q, signal),
  enterCapacity: (body: unknown) => request<Capacity>("/debt/capacity", { method: "POST", body }),
};

/**
 * Uploads a spreadsheet; an import with bad rows answers 422 with every row's error, which the page
 * shows as a list rather than as a failure message.
 */
export async function importing<T>(path: string, file: File, query?: Q): Promise<T> {
  try {
    return await request<T>(path, { method: "POST", body: file, contentType: "application/octet-stream", ...(query ? { query } : {}) });
  } catch (error) {
    if (error instanceof ApiError && error.code === "IMPORT_ROWS_INVALID") {
      return { ok: false, errors: error.errors.map((e) => ({ row: Number(e.path.split(":")[0]), field: e.path.split(":")[1] ?? "", message: e.message })) } as T;
    }
    throw error;
  }
}

export { debtKindNames as kindNames, scheduleMethodNames as methodNames, scheduleFrequencyNames as frequencyNames } from "@xiangcai/shared";
export const kindColours = { bond: "blue", loan: "geekblue", arrears: "orange", other: "purple" } as const;
export const colourTag = { green: { color: "green", label: "绿色" }, yellow: { color: "gold", label: "黄色预警" }, orange: { color: "orange", label: "橙色预警" }, red: { color: "red", label: "红色预警" } } as const;
export const colourHex = { green: "#389e0d", yellow: "#d4b106", orange: "#d46b08", red: "#cf1322" } as const;
export const lineStatusColours = { paid: "green", partlyPaid: "blue", overdue: "red", due: "gold", future: "default" } as const;
/** Amounts in the one money format (lib/money.ts). */
export { formatYuanText as yuan } from "../../lib/money.ts";
