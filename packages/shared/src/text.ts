// Rules for text from outside (requests, imported sheets) and text written into files people open
// in a spreadsheet: one place, so the edge, the imports and the file writers agree.

/**
 * Control characters: U+0000–U+001F and U+007F. Tab, line feed and carriage return are allowed only
 * where a field may hold several lines (`multiline`); nothing else of the range is ever text.
 */
const CONTROL_ANYWHERE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/; // eslint-disable-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/; // eslint-disable-line no-control-regex

/** The position of the first control character not allowed in `value`, or -1. */
export function controlCharacterAt(value: string, options: { multiline?: boolean } = {}): number {
  const match = (options.multiline ? CONTROL_ANYWHERE : CONTROL_SINGLE_LINE).exec(value);
  return match ? match.index : -1;
}

/** A control character named for a message: "U+0000". */
export function controlCharacterName(value: string, at: number): string {
  return `U+${value.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0")}`;
}

export const CONTROL_CHARACTER_MESSAGE = "含有控制字符（不可见字符），请删除后重试";

/**
 * A cell a spreadsheet would read as a formula: text starting with = + - @, a tab or a carriage
 * return (OWASP "CSV injection"). A plain number such as "-12.50" is a number, not a formula.
 */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value);
}

/** A text cell made safe for a spreadsheet: a formula-like text gets a leading apostrophe. */
export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
