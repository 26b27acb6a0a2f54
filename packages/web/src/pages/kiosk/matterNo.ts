// The 受理编号 typed on the kiosk's number pad: the resident types its 12 digits, FW and the dash are
// put in for them.

/** The digits of a matter number: 7 (year and township) then 5. */
export const MATTER_NO_DIGITS = 12;

/** "202610100001" → "FW2026101-00001"; fewer digits show what has been typed so far. */
export function matterNoOfDigits(digits: string): string {
  return digits.length > 7 ? `FW${digits.slice(0, 7)}-${digits.slice(7)}` : `FW${digits}`;
}
