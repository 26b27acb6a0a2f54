// Masking of personal information for display (DOMAIN.md §4): ID numbers show the first 6 and
// last 4 characters, account numbers the last 4, names the first character. Every function takes
// any string and never throws, because a display must not fail on a bad stored value; whatever
// is too short to mask partly is masked entirely.

/** Characters kept at each end of an ID number: the address code and the last four. */
const ID_HEAD = 6;
const ID_TAIL = 4;
/** An old 15-digit ID number is the shortest one that keeps its head and tail visible. */
const ID_PARTIAL_LENGTH_MIN = 15;

/** Account numbers show only their last four digits. */
const ACCOUNT_TAIL = 4;
/** Below this length the last four digits would be half the number, so nothing is shown. */
const ACCOUNT_PARTIAL_LENGTH_MIN = 8;

/**
 * "11010519491231002X" → "110105********002X". Shorter than 15 characters: all asterisks.
 * The number of asterisks equals the number of hidden characters.
 */
export function maskResidentId(id: string): string {
  const characters = Array.from(id);
  if (characters.length < ID_PARTIAL_LENGTH_MIN) {
    return "*".repeat(characters.length);
  }
  const head = characters.slice(0, ID_HEAD).join("");
  const tail = characters.slice(-ID_TAIL).join("");
  return `${head}${"*".repeat(characters.length - ID_HEAD - ID_TAIL)}${tail}`;
}

/**
 * "6222 0202 0000 1234 567" → "****4567" (spaces are ignored). The length is not shown, so a
 * short stored value gives "****" too; an empty value stays empty so the screen shows no account.
 */
export function maskBankCard(card: string): string {
  const characters = Array.from(card.replaceAll(" ", ""));
  if (characters.length === 0) {
    return "";
  }
  if (characters.length < ACCOUNT_PARTIAL_LENGTH_MIN) {
    return "****";
  }
  return `****${characters.slice(-ACCOUNT_TAIL).join("")}`;
}

/**
 * "张三" → "张*", "欧阳娜娜" → "欧***". A one-character name is fully masked ("*"), since its first
 * character is all of it. Characters are counted as code points, so a rare character outside
 * the basic plane (e.g. 𠮷) is kept or masked whole.
 */
export function maskName(name: string): string {
  const characters = Array.from(name);
  if (characters.length <= 1) {
    return "*".repeat(characters.length);
  }
  return `${characters[0] ?? ""}${"*".repeat(characters.length - 1)}`;
}
