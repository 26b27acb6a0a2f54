// 核减 (cutting a budget line) read both ways: a reviewer may type the amount that stays (核减后金额)
// or the amount taken off (核减金额); either way the page shows from, to and the difference before
// saving, and asks again for a large cut. Pure and exact (fen in bigint), tested beside.
import { formatYuan, tryParseYuan } from "@xiangcai/shared";

export type CutMode = "to" | "by";

/** A cut of more than half the request is confirmed before it is saved. */
export const LARGE_CUT_SHARE_PERCENT = 50n;

export type CutPreview =
  | { ok: true; requested: string; approved: string; difference: string; sharePercent: string; large: boolean }
  | { ok: false; message: string };

export function cutPreview(requested: string, typed: string | undefined, mode: CutMode): CutPreview {
  const requestedFen = tryParseYuan(requested);
  if (!requestedFen.ok) return { ok: false, message: "申报金额无法读取" };
  const text = (typed ?? "").trim().replaceAll(",", "");
  if (text === "") return { ok: false, message: mode === "to" ? "请填写核减后金额" : "请填写核减金额" };
  const amount = tryParseYuan(text);
  if (!amount.ok) return { ok: false, message: amount.message };
  const approvedFen = mode === "to" ? amount.fen : requestedFen.fen - amount.fen;
  const differenceFen = requestedFen.fen - approvedFen;
  if (approvedFen < 0n) return { ok: false, message: `核减金额不能超过申报金额 ${formatYuan(requestedFen.fen, { thousands: true })} 元` };
  if (differenceFen <= 0n) return { ok: false, message: `核减后金额须小于申报金额 ${formatYuan(requestedFen.fen, { thousands: true })} 元；全额同意请用“同意”` };
  // Share of the request taken off, in hundredths of a percent, rounded half up.
  const basisPoints = requestedFen.fen === 0n ? 0n : (differenceFen * 10_000n + requestedFen.fen / 2n) / requestedFen.fen;
  return {
    ok: true,
    requested: formatYuan(requestedFen.fen),
    approved: formatYuan(approvedFen),
    difference: formatYuan(differenceFen),
    sharePercent: `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, "0")}`,
    large: differenceFen * 100n > requestedFen.fen * LARGE_CUT_SHARE_PERCENT,
  };
}
