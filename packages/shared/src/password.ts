// The password rule, one for the server and the web app's hint: 10-128 characters with letters and
// digits, not containing the username, not mostly runs (1234, abcd, qwer, 1qaz, aaaa), at least five
// different characters, and not a common password, alone or with digits, symbols or letters around it. The
// common-password list itself is data on the server (too large for the browser), passed in as
// `isCommon`; the browser checks everything else before the form is sent.

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 128;
export const PASSWORD_DISTINCT_MIN = 5;
/** Runs shorter than this are ordinary (a year, "abc" in a word). */
const RUN_LENGTH_MIN = 4;

export const PASSWORD_HINT = `${PASSWORD_LENGTH_MIN}-${PASSWORD_LENGTH_MAX} 位，须同时包含字母和数字；不能是常见密码，也不能主要由连续或重复的字符组成（如 1234、abcd、qwer、aaaa）`;

// Sequences a person types without thinking: the alphabet, digits, keyboard rows and columns.
const SEQUENCES = [
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
  "!@#$%^&*()",
];

function linked(a: string, b: string): boolean {
  if (a === b) return true;
  for (const seq of SEQUENCES) {
    const i = seq.indexOf(a);
    if (i < 0) continue;
    if (seq[i + 1] === b || (i > 0 && seq[i - 1] === b)) return true;
  }
  return false;
}

/** How many characters lie inside runs of four or more repeated, sequential or keyboard-adjacent characters. */
export function runCoverage(password: string): number {
  const chars = [...password.toLowerCase()];
  let covered = 0;
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && linked(chars[i - 1]!, chars[i]!)) continue;
    if (i - start >= RUN_LENGTH_MIN) covered += i - start;
    start = i;
  }
  return covered;
}

/** The password without the digits and symbols at its ends ("P@ssw0rd2026!" → "p@ssw0rd"). */
function baseWord(lowered: string): string {
  return lowered.replace(/^[^\p{L}]+/u, "").replace(/[^\p{L}]+$/u, "");
}

/** The password without the letters at its ends ("5201314abc" → "5201314"). */
function baseNumber(lowered: string): string {
  return lowered.replace(/^\p{L}+/u, "").replace(/\p{L}+$/u, "");
}

export interface PasswordRuleOptions {
  username?: string | undefined;
  /** True for a common password (lower-cased); the server passes its list, the browser none. */
  isCommon?: ((lowered: string) => boolean) | undefined;
}

/** Why a new password is refused, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, options: PasswordRuleOptions = {}): string | null {
  const chars = [...password];
  if (chars.length < PASSWORD_LENGTH_MIN) return `密码至少 ${PASSWORD_LENGTH_MIN} 位`;
  if (chars.length > PASSWORD_LENGTH_MAX) return `密码不能超过 ${PASSWORD_LENGTH_MAX} 位`;
  if (!/[A-Za-z]/.test(password)) return "密码须包含字母";
  if (!/[0-9]/.test(password)) return "密码须包含数字";
  const lowered = password.toLowerCase();
  if (options.username && lowered.includes(options.username.toLowerCase())) return "密码不能包含用户名";
  if (new Set(lowered).size < PASSWORD_DISTINCT_MIN) return `密码的字符种类太少，至少须有 ${PASSWORD_DISTINCT_MIN} 个不同的字符`;
  if (options.isCommon) {
    const word = baseWord(lowered);
    const number = baseNumber(lowered);
    const isCommon = options.isCommon;
    if (isCommon(lowered) || (word.length >= 3 && isCommon(word)) || (number.length >= 6 && isCommon(number))) return "这是常见密码（或常见密码加数字、符号），容易被猜中，请换一个";
  }
  if (runCoverage(password) * 2 >= chars.length) return "密码主要由连续或重复的字符组成（如 1234、abcd、qwer、aaaa），容易被猜中，请换一个";
  return null;
}
