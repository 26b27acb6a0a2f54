// The 会计科目 page's tree: a set's chart (in code order, parents before their 明细) nested by
// parentCode, filtered by code or name, basis and category — a match keeps its ancestors, so the
// accountant sees where it sits — and the next free 明细 code under a parent.
import type { LedgerAccountView } from "@xiangcai/shared";

export interface ChartNode extends LedgerAccountView {
  children?: ChartNode[];
}

export interface ChartFilter {
  /** Part of a code or a name. */
  q?: string;
  basis?: "financial" | "budget" | undefined;
  category?: string | undefined;
}

/** The accounts that match, with their ancestors, as a tree; and the codes that matched themselves. */
export function chartTree(accounts: readonly LedgerAccountView[], filter: ChartFilter = {}): { roots: ChartNode[]; matched: Set<string> } {
  const q = filter.q?.trim() ?? "";
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const matched = new Set<string>();
  const kept = new Set<string>();
  for (const a of accounts) {
    if (filter.basis && a.basis !== filter.basis) continue;
    if (filter.category && a.category !== filter.category) continue;
    if (q && !a.code.includes(q) && !a.name.includes(q)) continue;
    matched.add(a.code);
    for (let c: string | null | undefined = a.code; c && !kept.has(c); c = byCode.get(c)?.parentCode) kept.add(c);
  }
  const nodes = new Map<string, ChartNode>();
  const roots: ChartNode[] = [];
  for (const a of [...accounts].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
    if (!kept.has(a.code)) continue;
    const node: ChartNode = { ...a };
    nodes.set(a.code, node);
    const parent = a.parentCode ? nodes.get(a.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return { roots, matched };
}

/** The codes of the nodes that have 明细 (to expand the whole tree). */
export function parentCodes(roots: readonly ChartNode[]): string[] {
  const out: string[] = [];
  const walk = (ns: readonly ChartNode[]) => {
    for (const n of ns) {
      if (n.children?.length) {
        out.push(n.code);
        walk(n.children);
      }
    }
  };
  walk(roots);
  return out;
}

/** The first free two-digit 明细 code under a parent (`1002` → `100201`), or null when 01–99 are taken. */
export function nextSubCode(accounts: readonly Pick<LedgerAccountView, "code">[], parentCode: string): string | null {
  const taken = new Set(accounts.map((a) => a.code));
  for (let i = 1; i <= 99; i++) {
    const code = `${parentCode}${String(i).padStart(2, "0")}`;
    if (!taken.has(code)) return code;
  }
  return null;
}
