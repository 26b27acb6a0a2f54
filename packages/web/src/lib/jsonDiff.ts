// A field-by-field comparison of an audit row's `before` and `after` snapshots, so that an
// auditor sees what changed without reading two JSON documents side by side.

export type DiffKind = "added" | "removed" | "changed" | "unchanged";

export interface DiffRow {
  /** Dotted path of the field ("name", "address.city"); "" for a snapshot that is not an object. */
  path: string;
  kind: DiffKind;
  before: unknown;
  after: unknown;
}

/** Nesting below this depth is compared as a whole, to bound the work on odd snapshots. */
export const DIFF_DEPTH_MAX = 6;
/** At most this many rows are produced; an audit snapshot is one record, never a table. */
export const DIFF_ROWS_MAX = 500;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Objects are walked field by field; arrays and scalars are compared whole, since a list of
// role codes reads better as one value than as "roles.0", "roles.1".
function flatten(value: unknown, prefix: string, depth: number, out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0 && depth < DIFF_DEPTH_MAX) {
    for (const key of Object.keys(value).sort()) {
      flatten(value[key], prefix === "" ? key : `${prefix}.${key}`, depth + 1, out);
    }
    return;
  }
  out.set(prefix, value);
}

/** Canonical JSON with sorted keys, so that key order never counts as a change. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * Compares two snapshots. A missing snapshot (null or undefined: the record was created
 * or removed) makes every field of the other one added or removed.
 */
export function diffJson(before: unknown, after: unknown, includeUnchanged = false): DiffRow[] {
  const beforeFields = new Map<string, unknown>();
  const afterFields = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", 0, beforeFields);
  if (after !== null && after !== undefined) flatten(after, "", 0, afterFields);

  const paths = [...new Set([...beforeFields.keys(), ...afterFields.keys()])].sort();
  const rows: DiffRow[] = [];
  for (const path of paths) {
    const inBefore = beforeFields.has(path);
    const inAfter = afterFields.has(path);
    const beforeValue = beforeFields.get(path);
    const afterValue = afterFields.get(path);
    let kind: DiffKind;
    if (!inBefore) kind = "added";
    else if (!inAfter) kind = "removed";
    else kind = canonicalJson(beforeValue) === canonicalJson(afterValue) ? "unchanged" : "changed";
    if (kind === "unchanged" && !includeUnchanged) continue;
    rows.push({ path, kind, before: beforeValue, after: afterValue });
    if (rows.length >= DIFF_ROWS_MAX) break;
  }
  return rows;
}

/** A value as shown in the diff table: strings bare, everything else as JSON. */
export function displayValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return canonicalJson(value);
}
