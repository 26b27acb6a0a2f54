// The one to-do over the one client: a matter with its domain's summary card and who may act, the
// counts of everything that waits for the user, and the work other domains feed in.
import type { Page, PageQuery } from "../apiTypes.ts";
import type { TodoCountsView, TodoItemView, TodoTaskDetail } from "@xiangcai/shared";
import { request } from "../api.ts";

export type { TodoCountsView, TodoItemView, TodoTaskDetail, TodoSummaryView, TodoSourceCount, FlowBlockedActionView } from "@xiangcai/shared";

export const todoApi = {
  matter(id: string, signal?: AbortSignal): Promise<TodoTaskDetail> {
    return request<TodoTaskDetail>(`/flow/instances/${encodeURIComponent(id)}`, { signal });
  },
  counts(signal?: AbortSignal): Promise<TodoCountsView> {
    return request<TodoCountsView>("/todo/counts", { signal });
  },
  source(code: string, query: PageQuery, signal?: AbortSignal): Promise<Page<TodoItemView>> {
    return request<Page<TodoItemView>>(`/todo/sources/${encodeURIComponent(code)}`, { query: { ...query }, signal });
  },
};
