// The account set the user works in, remembered across pages (and visits) in localStorage.
import { useEffect, useState } from "react";
import { ledgerApi, type AccountSetSummary } from "./ledgerApi.ts";

const KEY = "xc.ledger.setId";

export function useLedgerSet() {
  const [sets, setSets] = useState<AccountSetSummary[]>([]);
  const [setId, setSetIdState] = useState<string | null>(() => window.localStorage.getItem(KEY));
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    const controller = new AbortController();
    ledgerApi
      .sets({ pageSize: 100 }, controller.signal)
      .then((page) => {
        setSets(page.items);
        setSetIdState((current) => (current && page.items.some((s) => s.id === current) ? current : (page.items[0]?.id ?? null)));
        setLoading(false);
      })
      .catch(() => setLoading(false));
    return () => controller.abort();
  }, []);
  const setSetId = (id: string) => {
    window.localStorage.setItem(KEY, id);
    setSetIdState(id);
  };
  /** Takes a set's new state after a change of its options. */
  const replaceSet = (set: AccountSetSummary) => setSets((all) => all.map((s) => (s.id === set.id ? { ...s, ...set } : s)));
  return { sets, setId, setSetId, replaceSet, current: sets.find((s) => s.id === setId) ?? null, loading };
}

/** This month as YYYY-MM in China time. */
export function thisMonth(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" }).format(new Date()).slice(0, 7);
}

export function today(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}
