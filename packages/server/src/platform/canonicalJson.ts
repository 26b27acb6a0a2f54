// Deterministic JSON for hashing (the audit chain of ARCHITECTURE decision 8) and the
// SM3 digest that goes with it.
//
// The audit hash must be recomputable from what the database gives back, so the
// canonical form of a value has to equal the canonical form of that value after a
// round trip through PostgreSQL jsonb. jsonb reorders object keys (shorter keys first)
// and drops insignificant whitespace, so this module sorts keys itself and writes no
// whitespace. Numbers are written in JSON.stringify's form (the shortest text that
// reads back as the same double), which is what a JavaScript client produces again
// after jsonb hands the number back: 1.0 and 1 are both written "1", 1e21 "1e+21",
// -0 "0". Amounts never travel as JSON numbers (see CONVENTIONS.md), so no precision
// is at stake; bigint values are written as decimal strings for the same reason.
//
// Two kinds of string cannot be stored in jsonb at all: those containing U+0000 and
// those with an unpaired surrogate. They are canonicalised here like any other string
// (JSON.stringify escapes them), but the database will refuse the row.
import { createHash } from "node:crypto";

/** Deeper nesting than this is refused: audited rows are a few levels deep, and a limit
 * keeps a malformed value from exhausting the stack. */
export const CANONICAL_JSON_DEPTH_MAX = 256;

/**
 * Deterministic JSON: object keys sorted by UTF-16 code unit at every level, no
 * whitespace, arrays in order. `undefined` object members are omitted (as
 * JSON.stringify does) and `undefined` array elements become `null`; `bigint` becomes a
 * decimal string; `Date` becomes its toISOString(); an object with a `toJSON` method is
 * replaced by its result, as in JSON.stringify.
 *
 * Throws TypeError on functions, symbols, non-finite numbers, invalid dates, Map, Set,
 * WeakMap, WeakSet (which JSON.stringify would silently turn into `{}`), cycles and a
 * top-level `undefined`; RangeError when nesting exceeds CANONICAL_JSON_DEPTH_MAX.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) {
    throw new TypeError("canonicalJson: the value itself is undefined");
  }
  const parts: string[] = [];
  write(value, parts, [], "$");
  return parts.join("");
}

/** SM3 digest of a UTF-8 string or of raw bytes, as lower-case hex (64 characters). */
export function sm3Hex(data: string | Buffer): string {
  const hash = createHash("sm3");
  if (typeof data === "string") hash.update(data, "utf8");
  else hash.update(data);
  return hash.digest("hex");
}

function write(value: unknown, parts: string[], ancestors: object[], path: string): void {
  switch (typeof value) {
    case "string":
      parts.push(JSON.stringify(value));
      return;
    case "boolean":
      parts.push(value ? "true" : "false");
      return;
    case "number":
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: non-finite number ${String(value)} at ${path}`);
      }
      parts.push(JSON.stringify(value));
      return;
    case "bigint":
      parts.push(JSON.stringify(value.toString(10)));
      return;
    case "function":
      throw new TypeError(`canonicalJson: function at ${path}`);
    case "symbol":
      throw new TypeError(`canonicalJson: symbol at ${path}`);
    case "undefined":
      // Reached only for array elements: object members are skipped before this.
      parts.push("null");
      return;
    case "object":
      break;
  }
  if (value === null) {
    parts.push("null");
    return;
  }
  writeObject(value as object, parts, ancestors, path);
}

function writeObject(value: object, parts: string[], ancestors: object[], path: string): void {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`canonicalJson: invalid Date at ${path}`);
    parts.push(JSON.stringify(value.toISOString()));
    return;
  }
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    throw new TypeError(`canonicalJson: ${value.constructor.name} at ${path} has no JSON form`);
  }
  // Boxed primitives are unwrapped, as JSON.stringify does.
  if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt) {
    write(value.valueOf(), parts, ancestors, path);
    return;
  }
  if (ancestors.includes(value)) throw new TypeError(`canonicalJson: cycle at ${path}`);
  if (ancestors.length >= CANONICAL_JSON_DEPTH_MAX) {
    throw new RangeError(`canonicalJson: nesting deeper than ${CANONICAL_JSON_DEPTH_MAX} at ${path}`);
  }
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === "function") {
    const replaced: unknown = toJson.call(value, "");
    if (replaced === undefined) throw new TypeError(`canonicalJson: toJSON returned undefined at ${path}`);
    ancestors.push(value);
    write(replaced, parts, ancestors, path);
    ancestors.pop();
    return;
  }

  ancestors.push(value);
  if (Array.isArray(value)) {
    parts.push("[");
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) parts.push(",");
      write(value[index], parts, ancestors, `${path}[${index}]`);
    }
    parts.push("]");
  } else {
    // Array.prototype.sort without a comparator compares UTF-16 code units.
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    parts.push("{");
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      if (!first) parts.push(",");
      first = false;
      parts.push(JSON.stringify(key), ":");
      write(member, parts, ancestors, `${path}.${key}`);
    }
    parts.push("}");
  }
  ancestors.pop();
}

/** Makes a value safe for jsonb and for hashing: bigint → string, Date → ISO, no undefined. */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(canonicalJson(value));
}
