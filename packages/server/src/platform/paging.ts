// Paging: every list has a named maximum page size (PAGE_SIZE_MAX in the shared schemas).
export function pageOf(query: { page: number; pageSize: number }) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

export function pageResult<T>(query: { page: number; pageSize: number }, found: { items: T[]; total: number }) {
  return { items: found.items, total: found.total, page: query.page, pageSize: query.pageSize };
}
