// The registers' endpoints (政策文件台账, 税源台账, 基础数据台账) as typed calls: lists, Excel import
// (a bad sheet answers every row's error) and export, the policy file, a record's history, the key
// sources ranked, the revenue estimate and the district's side-by-side page.
import type { BasicDataView, PolicyDocumentView, RegisterEventView, RegistersOverviewView, RevenueEstimateView, TaxRankingView, TaxSourceDetailView, TaxSourceView } from "@xiangcai/shared";
import { download, request } from "../../api.ts";
import type { Page } from "../../apiTypes.ts";
import { importing, type ImportAnswer, type Q } from "../debt/debtApi.ts";

export type RegisterName = "policyDocument" | "taxSource" | "taxPayment" | "basicData";
export type RegisterImportAnswer = ImportAnswer & { rows?: number; sourcesCreated?: number; replaced?: number; updated?: number };

const get = <T,>(path: string, query?: Q, signal?: AbortSignal) => request<T>(path, { query, signal });

export const registersApi = {
  policies: (q: Q, signal?: AbortSignal) => get<Page<PolicyDocumentView>>("/registers/policy-documents", q, signal),
  createPolicy: (body: unknown) => request<PolicyDocumentView>("/registers/policy-documents", { method: "POST", body }),
  updatePolicy: (id: string, body: unknown) => request<PolicyDocumentView>(`/registers/policy-documents/${id}`, { method: "PATCH", body }),
  uploadPolicyFile: (id: string, file: File) => request<PolicyDocumentView>(`/registers/policy-documents/${id}/file`, { method: "PUT", body: file, contentType: "application/octet-stream", query: { fileName: file.name } }),
  downloadPolicyFile: (id: string, name: string) => download(`/registers/policy-documents/${id}/file`, { fallbackName: name }),
  importPolicies: (file: File, regionCode: string | undefined) => importing<RegisterImportAnswer>("/registers/policy-documents/import", file, { regionCode }),
  exportPolicies: (q: Q) => download("/registers/policy-documents/export", { query: q, fallbackName: "政策文件台账.xlsx" }),

  taxSources: (q: Q, signal?: AbortSignal) => get<Page<TaxSourceView>>("/registers/tax-sources", q, signal),
  taxSource: (id: string, signal?: AbortSignal) => get<TaxSourceDetailView>(`/registers/tax-sources/${id}`, undefined, signal),
  createTaxSource: (body: unknown) => request<TaxSourceView>("/registers/tax-sources", { method: "POST", body }),
  importTax: (file: File, regionCode: string | undefined) => importing<RegisterImportAnswer>("/registers/tax-payments/import", file, { regionCode }),
  exportTaxSources: (q: Q) => download("/registers/tax-sources/export", { query: q, fallbackName: "税源台账.xlsx" }),
  ranking: (q: Q, signal?: AbortSignal) => get<TaxRankingView>("/registers/tax-ranking", q, signal),
  estimate: (q: Q, signal?: AbortSignal) => get<RevenueEstimateView>("/registers/revenue-estimate", q, signal),

  basicData: (q: Q, signal?: AbortSignal) => get<Page<BasicDataView>>("/registers/basic-data", q, signal),
  saveBasicData: (body: unknown) => request<BasicDataView>("/registers/basic-data", { method: "PUT", body }),
  importBasicData: (file: File, regionCode: string | undefined) => importing<RegisterImportAnswer>("/registers/basic-data/import", file, { regionCode }),
  exportBasicData: (q: Q) => download("/registers/basic-data/export", { query: q, fallbackName: "基础数据台账.xlsx" }),

  history: (register: RegisterName, recordKey: string, signal?: AbortSignal) => get<{ items: RegisterEventView[] }>("/registers/history", { register, recordKey }, signal),
  overview: (q: Q, signal?: AbortSignal) => get<RegistersOverviewView>("/registers/overview", q, signal),
};
