// `xiangcai debt schedule --principal <yuan> --rate <percent> --start <YYYY-MM-DD> --periods <n>
// --frequency monthly|quarterly|semiannual|annual --method bullet|equalPrincipal|annuity [--json]`:
// prints a repayment schedule from the same rules the app uses (schedule.ts). No database. Exit 0, or
// 2 with a message on bad arguments. The JSON shape is a stable contract.
import { parseArgs } from "node:util";
import { formatYuan } from "@xiangcai/shared";
import { frequencyNames, generateSchedule, methodNames, readTerms, scheduleJson, scheduleTotals, SCHEDULE_FREQUENCIES, SCHEDULE_METHODS } from "./schedule.ts";

export const DEBT_USAGE = `  debt schedule --principal <元> --rate <年利率%> --start <YYYY-MM-DD> --periods <期数>
                --frequency ${SCHEDULE_FREQUENCIES.join("|")} --method ${SCHEDULE_METHODS.join("|")} [--json]
                                           生成还本付息计划（精确到分，四舍五入）；参数错误退出码 2`;

type Out = { write(s: string): unknown };

export function runDebtCommand(args: string[], out: Out, err: Out): number {
  const usage = (message: string) => {
    err.write(`${message}\n用法：\n${DEBT_USAGE}\n`);
    return 2;
  };
  // "--rate -1": node's parser takes "-1" for an option; join it so the rule can say what is wrong.
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const next = args[i + 1];
    if (/^--[a-z]+$/.test(args[i]!) && next !== undefined && /^-[0-9.]/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else joined.push(args[i]!);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: joined,
      allowPositionals: true,
      strict: true,
      options: { principal: { type: "string" }, rate: { type: "string" }, start: { type: "string" }, periods: { type: "string" }, frequency: { type: "string" }, method: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [sub, ...extra] = parsed.positionals;
  if (sub !== "schedule") return usage(`未知的子命令：${sub ?? "(无)"}`);
  if (extra.length) return usage(`多余的参数：${extra.join(" ")}`);
  const v = parsed.values;
  const missing = (["principal", "rate", "start", "periods", "frequency", "method"] as const).filter((k) => v[k] === undefined);
  if (missing.length) return usage(`缺少参数：${missing.map((k) => `--${k}`).join(" ")}`);
  const read = readTerms(v);
  if (!read.ok) return usage(read.problems.map((p) => p.message).join("\n"));
  const lines = generateSchedule(read.terms);
  if (v.json) {
    out.write(`${JSON.stringify(scheduleJson(lines))}\n`);
    return 0;
  }
  const t = read.terms;
  const totals = scheduleTotals(lines);
  out.write(`本金 ${formatYuan(t.principalFen, { thousands: true })} 元，年利率 ${v.rate}%，${frequencyNames[t.frequency]}，${methodNames[t.method]}，共 ${t.periods} 期\n`);
  out.write("期次\t到期日\t本金\t利息\t本息合计\t剩余本金\n");
  for (const l of lines) out.write(`${l.period}\t${l.dueDate}\t${formatYuan(l.principalFen)}\t${formatYuan(l.interestFen)}\t${formatYuan(l.paymentFen)}\t${formatYuan(l.balanceFen)}\n`);
  out.write(`合计\t\t${formatYuan(totals.principalFen)}\t${formatYuan(totals.interestFen)}\t${formatYuan(totals.paymentFen)}\t\n`);
  return 0;
}
