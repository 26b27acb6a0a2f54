// The amount in capitals (人民币大写) printed on vouchers, payment orders and receipts, written
// by the rules of DOMAIN.md §3 and the accounting basic-work norm (会计基础工作规范, art. 52).
import { FEN_MAX, MoneyError } from "./money.ts";

const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;
/** Units inside one four-digit section, from the ones place up. */
const SECTION_PLACES = ["", "拾", "佰", "仟"] as const;

function digit(value: bigint): string {
  return DIGITS[Number(value)] ?? "";
}

/**
 * One section of 1..9999 without its section unit: 1010 → 壹仟零壹拾, 10 → 壹拾.
 * Leading zeros are not written (the caller decides whether a 零 separates this section from
 * the one before), trailing zeros are absorbed by the place units, and a run of zeros inside
 * becomes one 零.
 */
function sectionCapitals(section: bigint): string {
  let text = "";
  let pendingZero = false;
  for (let place = 3; place >= 0; place -= 1) {
    const value = (section / 10n ** BigInt(place)) % 10n;
    if (value === 0n) {
      pendingZero = text !== "";
      continue;
    }
    if (pendingZero) {
      text += "零";
      pendingZero = false;
    }
    // 壹拾 is written out even at the head (10 → 壹拾元整): a bare 拾 on a cheque is easy to alter.
    text += digit(value) + SECTION_PLACES[place];
  }
  return text;
}

/**
 * A positive whole number of yuan below 10^16, by four-digit sections: 个, 万, 亿, 万亿.
 * A section is preceded by 零 when a whole section before it was zero (1,0000,1000 → 壹亿零壹仟)
 * or when it has fewer than four digits (1,0001 → 壹万零壹); zeros at the tail of a section
 * are absorbed by its unit (10,7000 → 壹拾万柒仟, as the DOMAIN.md vector 107000.53 requires).
 * The 万亿 section shares its 亿 with a non-zero 亿 section, so 9,9999,0000,0000 is
 * 玖万玖仟玖佰玖拾玖亿 and 1,0000,0000,0000 is 壹万亿.
 */
function integerCapitals(yuan: bigint): string {
  const sections = [yuan % 10000n, (yuan / 10000n) % 10000n, (yuan / 10n ** 8n) % 10000n, yuan / 10n ** 12n];
  const [, , hundredMillions] = sections;
  let text = "";
  let gap = false;
  for (let index = sections.length - 1; index >= 0; index -= 1) {
    const section = sections[index] ?? 0n;
    if (section === 0n) {
      gap = text !== "";
      continue;
    }
    if (text !== "" && (gap || section < 1000n)) {
      text += "零";
    }
    gap = false;
    let unit = "";
    if (index === 3) {
      unit = hundredMillions === 0n ? "万亿" : "万";
    } else if (index === 2) {
      unit = "亿";
    } else if (index === 1) {
      unit = "万";
    }
    text += sectionCapitals(section) + unit;
  }
  return text;
}

/**
 * Spells out an amount in fen as 人民币大写: 140950n → 壹仟肆佰零玖元伍角整.
 * - A whole number of yuan ends in 整; an amount with 分 has no 整; an amount ending at 角 ends
 *   in 整 when zhengAfterJiao (the default, as the accounting basic-work norm writes it).
 * - When 角 is 0 and 分 is not, 零 is written before the 分 (16409.02 → …元零贰分).
 * - Under one yuan only the 角 and 分 are written, with no 零元 and no leading 零:
 *   0.50 → 伍角整, 0.05 → 伍分, 0.15 → 壹角伍分. Zero is 零元整.
 * - A negative amount is prefixed with 负.
 * Throws MoneyError RANGE beyond FEN_MAX in absolute value.
 */
export function amountInCapitals(fen: bigint, options: { zhengAfterJiao?: boolean } = {}): string {
  const zhengAfterJiao = options.zhengAfterJiao ?? true;
  const negative = fen < 0n;
  const magnitude = negative ? -fen : fen;
  if (magnitude > FEN_MAX) {
    throw new MoneyError("RANGE", "金额超出范围，无法写成大写：绝对值不得超过 9,999,999,999,999.99 元");
  }
  if (magnitude === 0n) {
    return "零元整";
  }

  const yuan = magnitude / 100n;
  const jiao = (magnitude / 10n) % 10n;
  const fenDigit = magnitude % 10n;

  let text = yuan > 0n ? `${integerCapitals(yuan)}元` : "";
  if (jiao === 0n && fenDigit === 0n) {
    text += "整";
  } else if (fenDigit === 0n) {
    text += `${digit(jiao)}角${zhengAfterJiao ? "整" : ""}`;
  } else if (jiao === 0n) {
    // The 零 marks the empty 角 place so no digit can be slipped in; under one yuan there is
    // nothing before it to separate from.
    text += `${yuan > 0n ? "零" : ""}${digit(fenDigit)}分`;
  } else {
    text += `${digit(jiao)}角${digit(fenDigit)}分`;
  }
  return negative ? `负${text}` : text;
}
