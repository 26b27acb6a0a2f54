// The sentences the to-do drawer shows when the user cannot make a move they might expect: why
// (separation of duties) and who can, or who acts at the current step. Pure, so it is tested alone.
import type { FlowBlockedActionView, TodoTaskDetail } from "@xiangcai/shared";

/** "王建国、李秀英", "王建国等 5 人", or a plain "（本单位暂无可办理人员）" when nobody can. */
export function namesText(names: readonly string[], shown = 4): string {
  if (names.length === 0) return "本单位其他在岗人员（目前没有，请联系所长或系统管理员）";
  if (names.length <= shown) return names.join("、");
  return `${names.slice(0, shown).join("、")}等 ${names.length} 人`;
}

/**
 * The withheld moves, those with the same reason and the same people together: "“乡镇审核通过”、
 * “不予发放”：您是本事项的录入人……可由 王建国 办理。"
 */
export function blockedTexts(blocked: readonly FlowBlockedActionView[]): string[] {
  const groups = new Map<string, { labels: string[]; reason: string; whoCan: readonly string[] }>();
  for (const b of blocked) {
    const key = `${b.reason}|${b.whoCan.join("、")}`;
    const group = groups.get(key) ?? { labels: [], reason: b.reason, whoCan: b.whoCan };
    group.labels.push(`“${b.label}”`);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.labels.join("、")}：${g.reason}可由 ${namesText(g.whoCan)} 办理。`);
}

/**
 * Who acts at the step, for a user with no move at all: "当前环节“待财政所审核”由 李秀英（总预算会计）、
 * 王建国（财政所所长）办理。" Null when the matter is closed or the user has a move.
 */
export function stepText(matter: Pick<TodoTaskDetail, "closedAt" | "actions" | "blocked" | "handlers" | "stateName">): string | null {
  if (matter.closedAt !== null || matter.actions.length > 0 || matter.blocked.length > 0) return null;
  const people = matter.handlers.map((h) => (h.roleNames.length ? `${h.name}（${h.roleNames.join("、")}）` : h.name));
  return `当前环节“${matter.stateName}”无需您办理，由 ${namesText(people)} 办理。`;
}
