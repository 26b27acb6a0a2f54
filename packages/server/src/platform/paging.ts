// Paging: every list has a named maximum page size (PAGE_SIZE_MAX in the shared schemas), and every
// paged answer is the contract's one Page<T>.
import type { Page } from "@xiangcai/shared";

export function pageOf(query: { page: number; pageSize: number }) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

export function pageResult<T>(query: { page: number; pageSize: number }, found: { items: T[]; total: number }): Page<T> {
  return { items: found.items, total: found.total, page: query.page, pageSize: query.pageSize };
}
