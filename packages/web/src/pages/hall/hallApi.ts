// The service hall's endpoints (服务大厅): the matters residents bring to the township's window — the
// list with its filters, Excel export, template and import, acceptance (受理登记), the acceptance
// slip, the answer (答复办结), the follow-up (回访) and the year's figures. Reporting a matter up to the
// district and the district's reply are moves of the matter's flow (flowApi.transition).
import type { AcceptanceSlipView, HallStatsView, MatterImportResult, MatterStatus, Satisfaction, ServiceMatterView } from "@xiangcai/shared";
import { download, request } from "../../api.ts";
import type { Page } from "../../apiTypes.ts";
import { importing, type ImportAnswer } from "../debt/debtApi.ts";

export type Query = Record<string, string | number | boolean | undefined>;
export type Matter = ServiceMatterView;
export type HallImportAnswer = ImportAnswer & Partial<MatterImportResult>;

export interface AcceptValues {
  regionCode: string;
  category: string;
  channel: string;
  villageCode?: string | null;
  applicantName: string;
  applicantIdNumber?: string;
  applicantPhone?: string;
  content: string;
}

export const hallApi = {
  matters: (query: Query, signal?: AbortSignal) => request<Page<Matter>>("/hall/matters", { query, signal }),
  exportMatters: (query: Query) => download("/hall/matters/export", { query, fallbackName: "服务事项台账.xlsx" }),
  template: () => download("/hall/matters/template", { fallbackName: "村代办事项导入模板.xlsx" }),
  importMatters: (file: File, regionCode: string | undefined) => importing<HallImportAnswer>("/hall/matters/import", file, { regionCode }),
  accept: (body: AcceptValues, key: string) => request<Matter>("/hall/matters", { method: "POST", body, idempotencyKey: key }),
  matter: (id: string, signal?: AbortSignal) => request<Matter>(`/hall/matters/${encodeURIComponent(id)}`, { signal }),
  slip: (id: string, signal?: AbortSignal) => request<AcceptanceSlipView>(`/hall/matters/${encodeURIComponent(id)}/slip`, { signal }),
  answer: (id: string, body: { answer: string; satisfaction?: Satisfaction }, key: string) =>
    request<Matter>(`/hall/matters/${encodeURIComponent(id)}/answer`, { method: "POST", body, idempotencyKey: key }),
  followUp: (id: string, body: { satisfaction: Satisfaction; note?: string }, key: string) =>
    request<Matter>(`/hall/matters/${encodeURIComponent(id)}/follow-up`, { method: "POST", body, idempotencyKey: key }),
  stats: (query: { year: number; regionCode?: string }, signal?: AbortSignal) => request<HallStatsView>("/hall/stats", { query, signal }),
};

/** Tag colours of a matter's status: open warm, with the district blue, closed green. */
export const statusColours: Record<MatterStatus, string> = { handling: "orange", reported: "blue", answered: "green" };
export const satisfactionColours: Record<Satisfaction, string> = { satisfied: "green", basic: "gold", unsatisfied: "red" };

/** A text field left empty is not sent (the server's optional fields). */
export function filled(value: string | undefined): string | undefined {
  const text = value?.trim() ?? "";
  return text === "" ? undefined : text;
}
