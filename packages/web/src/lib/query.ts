// Query strings for list endpoints: empty filters are left out so that the server applies
// its defaults, and page sizes are clamped to the contract's maximum.

export const PAGE_SIZE_DEFAULT = 20;
/** The API answers at most 100 rows per page (docs/api.md, "Lists"). */
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_OPTIONS = [10, 20, 50, 100] as const;

export type QueryValue = string | number | boolean | null | undefined;

/** Builds "?a=1&b=x" from the defined, non-empty values, or "" when there are none. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text === "") continue;
    search.append(key, text);
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** Reads a positive integer from a URL parameter, falling back to `fallback`. */
export function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === null || !/^\d+$/.test(value)) return fallback;
  const parsed = Number(value);
  if (parsed < 1) return fallback;
  return Math.min(parsed, max);
}

export interface PageParams {
  page: number;
  pageSize: number;
}

/** Page and page size from the browser's address bar, within the contract's limits. */
export function pageParamsFrom(search: URLSearchParams): PageParams {
  return {
    page: positiveInt(search.get("page"), 1),
    pageSize: positiveInt(search.get("pageSize"), PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX),
  };
}
