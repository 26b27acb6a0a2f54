// CSV (RFC 4180) for imports and bank files: one parser and one writer for every domain.
// Excel on Chinese Windows opens UTF-8 CSV correctly only with a byte-order mark, so the writer
// can add one, and the parser drops one.
import { neutraliseFormula } from "./text.ts";

/**
 * Splits CSV text into records of fields: quoted fields, doubled quotes, CRLF or LF. Blank records
 * are dropped unless `skipBlank` is false, which keeps record n on line n for row-level messages.
 */
export function parseCsv(text: string, options: { skipBlank?: boolean } = {}): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return options.skipBlank === false ? records : records.filter((r) => r.some((f) => f.trim() !== ""));
}

function quoteField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Writes records as CSV with CRLF line ends. A field that Excel would read as a formula (starting
 * with = + - @, tab or carriage return; see looksLikeFormula) is prefixed with an apostrophe, so an
 * exported file or a bank file cannot run one. The server writes every CSV through here, guarded.
 */
export function formatCsv(records: readonly (readonly string[])[], options: { bom?: boolean; guardFormulas?: boolean } = {}): string {
  const guard = options.guardFormulas ?? true;
  const lines = records.map((r) => r.map((v) => quoteField(guard ? neutraliseFormula(v) : v)).join(","));
  return `${options.bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}
