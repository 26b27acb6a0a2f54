// Server-side paged lists whose filters and page live in the address bar, so that a list
// survives a reload and the back button, and can be linked to.
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { Page } from "../apiTypes.ts";
import { pageParamsFrom, PAGE_SIZE_DEFAULT, PAGE_SIZE_OPTIONS } from "./query.ts";
import { useApiError } from "./useApiError.ts";

export type Filters<K extends string> = Partial<Record<K, string>>;

export interface ListQuery<K extends string> {
  filters: Filters<K>;
  page: number;
  pageSize: number;
  /** Replaces all filters and goes back to page 1. */
  setFilters: (filters: Filters<K>) => void;
  setPage: (page: number, pageSize: number) => void;
  /** A string that changes whenever the query does; use it to trigger loading. */
  key: string;
}

export function useListQuery<K extends string>(filterKeys: readonly K[]): ListQuery<K> {
  const [search, setSearch] = useSearchParams();
  const filters: Filters<K> = {};
  for (const key of filterKeys) {
    const value = search.get(key);
    if (value !== null && value !== "") filters[key] = value;
  }
  const { page, pageSize } = pageParamsFrom(search);

  const setFilters = useCallback(
    (next: Filters<K>) => {
      setSearch((previous) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(next) as [K, string | undefined][]) {
          if (value !== undefined && value.trim() !== "") params.set(key, value.trim());
        }
        const size = previous.get("pageSize");
        if (size !== null && size !== String(PAGE_SIZE_DEFAULT)) params.set("pageSize", size);
        // Keep parameters that are not filters of this list (a tab, an open drawer).
        for (const [key, value] of previous) {
          if (!(filterKeys as readonly string[]).includes(key) && key !== "page" && key !== "pageSize") params.set(key, value);
        }
        return params;
      });
    },
    [filterKeys, setSearch],
  );

  const setPage = useCallback(
    (nextPage: number, nextPageSize: number) => {
      setSearch((previous) => {
        const params = new URLSearchParams(previous);
        const sizeChanged = String(nextPageSize) !== (previous.get("pageSize") ?? String(PAGE_SIZE_DEFAULT));
        const pageNumber = sizeChanged ? 1 : nextPage;
        if (pageNumber === 1) params.delete("page");
        else params.set("page", String(pageNumber));
        if (nextPageSize === PAGE_SIZE_DEFAULT) params.delete("pageSize");
        else params.set("pageSize", String(nextPageSize));
        return params;
      });
    },
    [setSearch],
  );

  const key = JSON.stringify([filters, page, pageSize]);
  return { filters, page, pageSize, setFilters, setPage, key };
}

export interface RemoteList<T> {
  page: Page<T> | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a page whenever `key` changes or reload() is called; a newer request aborts an
 * older one so that a slow answer never overwrites a newer list. Nothing is loaded while
 * `enabled` is false.
 */
export function useRemoteList<T>(
  load: (signal: AbortSignal) => Promise<Page<T>>,
  key: string,
  enabled = true,
): RemoteList<T> {
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [counter, setCounter] = useState(0);
  const report = useApiError();
  const loadRef = useRef(load);
  // Declared before the loading effect, so it runs first and the newest `load` is used.
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    loadRef
      .current(controller.signal)
      .then((answer) => {
        if (!controller.signal.aborted) setPage(answer);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) report(error);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key, counter, report, enabled]);

  const reload = useCallback(() => setCounter((value) => value + 1), []);
  return { page, loading, reload };
}

/** antd Table pagination for a server-side page. */
export function tablePagination<T>(query: { page: number; pageSize: number; setPage: (page: number, pageSize: number) => void }, answer: Page<T> | null) {
  return {
    current: query.page,
    pageSize: query.pageSize,
    total: answer?.total ?? 0,
    showSizeChanger: true,
    showQuickJumper: true,
    pageSizeOptions: PAGE_SIZE_OPTIONS.map(String),
    showTotal: (total: number) => `共 ${total} 条`,
    onChange: query.setPage,
  };
}
