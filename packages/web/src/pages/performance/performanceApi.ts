// The performance and rectification endpoints, typed with the shared answer shapes, over the app's
// one request(); downloads with the session cookie. Nothing here moves money, so no call carries an
// Idempotency-Key.
import { sheetStatusNames } from "@xiangcai/shared";
import { request } from "../../api.ts";
import type {
  CongressNoteView,
  CongressPackageView,
  EvaluationDetail,
  EvaluationOverviewView,
  EvaluationView,
  MonitoringColour,
  MonitoringReportView,
  PerformanceActionView,
  PerformanceGrade,
  PreparationAdviceView,
  RectificationCategoryView,
  RectificationTaskDetail,
  RectificationTaskView,
  ResultAdviceView,
  TargetIndicatorView,
  TargetLevel2,
  TargetSheetDetail,
  TargetSheetView,
} from "@xiangcai/shared";
import { download, type Page, type Q } from "../budget/budgetApi.ts";

export type { MonitoringColour, PerformanceGrade };
export type Sheet = TargetSheetView;
export type SheetDetail = TargetSheetDetail;
export type Indicator = TargetIndicatorView;
export type Report = MonitoringReportView;
export type Action = PerformanceActionView;
export type Evaluation = EvaluationView;
export type EvaluationFull = EvaluationDetail;
export type EvaluationOverview = EvaluationOverviewView;
export type Task = RectificationTaskView;
export type TaskDetail = RectificationTaskDetail;
export type Advice = ResultAdviceView;
export type LineAdvice = PreparationAdviceView;
export type CongressPackage = CongressPackageView;
export type CongressNote = CongressNoteView;
export type CategoryCount = RectificationCategoryView;

export interface IndicatorInput {
  level2: TargetLevel2;
  name: string;
  unit: string;
  direction: ">=" | "<=" | "=";
  target: string;
  weight: string;
  accumulates: boolean;
  source?: string | null;
}

export interface Subjects {
  regionCode: string;
  projects: { id: string; name: string; budgetUnitId: string; status: string; startYear: number; endYear: number }[];
  units: { id: string; name: string }[];
  policies: { code: string; name: string }[];
}

export interface MonitoringOverview {
  fiscalYear: number;
  townships: { regionCode: string; regionName: string; sheets: number; reported: number; colours: Record<MonitoringColour, number>; issued: string; paid: string; executionRate: string }[];
  sheets: { sheetId: string; regionCode: string; subjectName: string; month: number | null; colours: Record<MonitoringColour, number>; executionRate: string }[];
}

export interface ImportResult {
  total: number;
  imported: number;
  errors: { line: number; message: string }[];
}

const post = <T>(path: string, body?: unknown) => request<T>(path, { method: "POST", body });

export const performanceApi = {
  subjects: (regionCode?: string) => request<Subjects>("/performance/subjects", { query: { regionCode } }),
  sheets: (q: Q, signal?: AbortSignal) => request<Page<Sheet>>("/performance/sheets", { query: q, signal }),
  /** The target trees of the list's filters as Excel (every row, not the page). */
  exportSheets: (q: Q) => download("/performance/sheets/export", q, "绩效目标清单.xlsx"),
  sheet: (id: string) => request<SheetDetail>(`/performance/sheets/${id}`),
  createSheet: (body: unknown) => post<SheetDetail>("/performance/sheets", body),
  updateSheet: (id: string, body: { overallGoal: string; indicators: IndicatorInput[]; submit?: boolean }) => request<SheetDetail>(`/performance/sheets/${id}`, { method: "PUT", body }),
  submitSheet: (id: string) => post<SheetDetail>(`/performance/sheets/${id}/submit`),
  importIndicators: (id: string, content: string) => post<ImportResult>(`/performance/sheets/${id}/import`, { content }),
  saveMonitoring: (id: string, body: { month: number; note?: string; values: { indicatorNo: number; actual: string; reason?: string; measure?: string }[] }) => post<Report>(`/performance/sheets/${id}/monitoring`, body),
  reports: (q: Q, signal?: AbortSignal) => request<Page<Report>>("/performance/monitoring", { query: q, signal }),
  overview: (fiscalYear: number) => request<MonitoringOverview>("/performance/monitoring-overview", { query: { fiscalYear } }),
  actions: (q: Q, signal?: AbortSignal) => request<Page<Action>>("/performance/actions", { query: q, signal }),
  closeAction: (id: string, note: string) => post<Action>(`/performance/actions/${id}/close`, { note }),
  congress: (fiscalYear: number, regionCode?: string) => request<CongressPackage>("/performance/congress", { query: { fiscalYear, regionCode } }),
  addNote: (body: unknown) => post<CongressNote>("/performance/congress/notes", body),
  answerNote: (id: string, answer: string) => post<CongressNote>(`/performance/congress/notes/${id}/answer`, { answer }),
  evaluations: (q: Q, signal?: AbortSignal) => request<Page<Evaluation>>("/performance/evaluations", { query: q, signal }),
  evaluationOverview: (fiscalYear: number) => request<EvaluationOverview>("/performance/evaluation-overview", { query: { fiscalYear } }),
  evaluation: (id: string) => request<EvaluationFull>(`/performance/evaluations/${id}`),
  createEvaluation: (body: unknown) => post<EvaluationFull>("/performance/evaluations", body),
  recordRound: (id: string, body: unknown) => post<EvaluationFull>(`/performance/evaluations/${id}/rounds`, body),
  preparationAdvice: (roundId: string) => request<LineAdvice[]>("/performance/preparation-advice", { query: { roundId } }),
  results: (fiscalYear: number, regionCode?: string) => request<Advice[]>("/performance/results", { query: { fiscalYear, regionCode } }),
  recordException: (body: unknown) => post<Advice>("/performance/results/exceptions", body),
  openRectification: (body: unknown) => post<Task>("/performance/rectifications", body),
  kinds: () => request<{ code: string; name: string; categories: { code: string; name: string }[] }[]>("/rectification/kinds"),
  tasks: (q: Q, signal?: AbortSignal) => request<Page<Task>>("/rectification/tasks", { query: q, signal }),
  task: (id: string) => request<TaskDetail>(`/rectification/tasks/${id}`),
  categories: (q: Q = {}) => request<CategoryCount[]>("/rectification/categories", { query: q }),
};

export { download };

export const colourStyle: Record<MonitoringColour, { label: string; color: string; hex: string }> = {
  red: { label: "红", color: "red", hex: "#cf1322" },
  yellow: { label: "黄", color: "gold", hex: "#d4b106" },
  green: { label: "绿", color: "green", hex: "#389e0d" },
  blue: { label: "蓝", color: "blue", hex: "#1d39c4" },
};
export const gradeColor: Record<PerformanceGrade, string> = { 优: "green", 良: "blue", 中: "gold", 差: "red" };
export const sheetStatus = { draft: { label: sheetStatusNames.draft, color: "default" }, submitted: { label: sheetStatusNames.submitted, color: "processing" }, returned: { label: sheetStatusNames.returned, color: "orange" }, accepted: { label: sheetStatusNames.accepted, color: "green" } } as const;
export const evaluationStatus = { selfEvaluation: { label: "退回单位修改自评", color: "orange" }, financeReview: { label: "待财政评价", color: "processing" }, completed: { label: "评价完成", color: "green" } } as const;
export const taskStatus = { rectifying: { label: "整改中", color: "processing" }, verifying: { label: "待核实销号", color: "gold" }, closed: { label: "已销号", color: "green" } } as const;
export { subjectKindNames as kindNames } from "@xiangcai/shared";
export const directionSymbol = { ">=": "≥", "<=": "≤", "=": "=" } as const;
