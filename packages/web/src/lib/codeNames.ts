// Names beside classification codes wherever a person reads them ("2010301 行政运行"): one request
// per year, kind and set of codes, remembered for the session (the catalogue of a year rarely changes).
import { useEffect, useState } from "react";
import type { CodeNamesView } from "@xiangcai/shared";
import { request } from "../api.ts";

export type CodeKind = "functional" | "economic" | "revenue";

const known = new Map<string, string>();
const keyOf = (year: number, kind: CodeKind, code: string) => `${year}:${kind}:${code}`;

/** "2010301 行政运行", or the code alone until (or unless) its name is known. */
export function codeWithName(code: string | null | undefined, name: string | undefined): string {
  if (code === null || code === undefined || code === "") return "—";
  return name ? `${code} ${name}` : code;
}

/** Codes not yet looked up, de-duplicated, in a stable order (pure, for the hook and its test). */
export function missingCodes(codes: readonly (string | null | undefined)[], isKnown: (code: string) => boolean): string[] {
  return [...new Set(codes.filter((c): c is string => typeof c === "string" && /^[0-9]{1,12}$/.test(c) && !isKnown(c)))].sort();
}

/** Looks up the names of `codes` (at most 200 per call) and returns a reader: code → "code name". */
export function useCodeNames(fiscalYear: number | null | undefined, kind: CodeKind, codes: readonly (string | null | undefined)[]): (code: string | null | undefined) => string {
  const [, setVersion] = useState(0);
  const wanted = fiscalYear ? missingCodes(codes, (c) => known.has(keyOf(fiscalYear, kind, c))) : [];
  const signature = wanted.join(",");
  useEffect(() => {
    if (!fiscalYear || signature === "") return;
    const controller = new AbortController();
    request<CodeNamesView>("/catalog/names", { query: { fiscalYear, kind, codes: signature }, signal: controller.signal })
      .then((answer) => {
        for (const code of signature.split(",")) known.set(keyOf(fiscalYear, kind, code), answer.names[code] ?? "");
        setVersion((v) => v + 1);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [fiscalYear, kind, signature]);
  return (code) => codeWithName(code, fiscalYear && code ? known.get(keyOf(fiscalYear, kind, code)) || undefined : undefined);
}
