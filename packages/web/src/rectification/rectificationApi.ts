// The rectification endpoints (整改), every kind alike (performance, fund supervision): tasks, their
// evidence files and the submission of what was done. The submission carries the form's
// Idempotency-Key, so a retry after a lost answer replays the first submission instead of failing.
import type { AttachmentView, RectificationCategoryView, RectificationTaskDetail, RectificationTaskView } from "@xiangcai/shared";
import { download, request } from "../api.ts";
import type { Page } from "../apiTypes.ts";

export type Query = Record<string, string | number | boolean | undefined>;
export interface RectificationKindView {
  code: string;
  name: string;
  categories: { code: string; name: string }[];
}

export const rectificationApi = {
  kinds: () => request<RectificationKindView[]>("/rectification/kinds"),
  tasks: (query: Query, signal?: AbortSignal) => request<Page<RectificationTaskView>>("/rectification/tasks", { query, signal }),
  task: (id: string, signal?: AbortSignal) => request<RectificationTaskDetail>(`/rectification/tasks/${id}`, { signal }),
  categories: (query: Query = {}) => request<RectificationCategoryView[]>("/rectification/categories", { query }),
  exportTasks: (query: Query) => download("/rectification/tasks/export", { query, fallbackName: "整改台账.xlsx" }),
  /** Uploads one evidence file for a task of the township; it is bound to the task when the evidence is submitted. */
  upload: (file: File, regionCode: string) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return request<AttachmentView>("/rectification/attachments", { method: "POST", body: form, query: { regionCode } });
  },
  downloadFile: (id: string, fileName: string) => download(`/rectification/attachments/${id}/content`, { fallbackName: fileName }),
  submitEvidence: (id: string, body: { evidence: string; attachmentIds: string[] }, key: string) =>
    request<RectificationTaskDetail>(`/rectification/tasks/${id}/evidence`, { method: "POST", body, idempotencyKey: key }),
};
