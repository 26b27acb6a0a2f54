// `xiangcai performance score <file.json> [--json]`: scores an evaluation from a file with the same
// pure function the app uses (@xiangcai/shared scorePerformance), with the default grade bounds.
// Exit 0 with `{ "score": "87.50", "grade": "良" }` (a stable contract); 2 with a message for a
// file that cannot be read, is not JSON, or breaks the rules (weights not totalling 100, an unknown
// direction, a number that is not a decimal string).
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { scorePerformance, type ScoreInput } from "@xiangcai/shared";

export const PERFORMANCE_USAGE = `  performance score <评价.json> [--json]   按绩效评价规则计分定级（总分 = 预算执行率得分 + 各指标得分，权重合计 100）
                                           文件：{ "executionRate": "0.92", "executionWeight": "10", "indicators": [{ "direction": ">=", "target": "100", "actual": "95", "weight": "50" }] }
                                           输出 { "score": "87.50", "grade": "良" }；文件有误退出码 2`;

/** The largest scoring file read (a file of 60 indicators is a few kilobytes). */
export const SCORE_FILE_BYTES_MAX = 1_048_576;

type Out = { write(s: string): unknown };

export function runPerformanceCommand(args: string[], out: Out, err: Out): number {
  const usage = (message: string) => {
    err.write(`${message}\n用法：\n${PERFORMANCE_USAGE}\n`);
    return 2;
  };
  const [sub, ...rest] = args;
  if (sub !== "score") return usage(sub ? `未知的 performance 子命令：${sub}` : "缺少子命令");
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { json: { type: "boolean" } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  if (parsed.positionals.length !== 1) return usage("需要一个评价文件（JSON）");
  const file = parsed.positionals[0]!;
  const bad = (message: string) => {
    err.write(`评价文件 ${file} 有误：${message}\n`);
    return 2;
  };
  let text: string;
  try {
    if (statSync(file).size > SCORE_FILE_BYTES_MAX) return bad(`文件超过 ${SCORE_FILE_BYTES_MAX} 字节`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    return bad(`无法读取（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return bad(`不是有效的 JSON（${(error as Error).message}）`);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) return bad("应为一个 JSON 对象");
  const outcome = scorePerformance(input as ScoreInput);
  if (!outcome.ok) return bad(outcome.problems.map((p) => `${p.path}：${p.message}`).join("；"));
  const { score, grade, executionPoints, indicators } = outcome.result;
  if (parsed.values.json) out.write(`${JSON.stringify({ score, grade })}\n`);
  else {
    out.write(`总分 ${score}，等级 ${grade}\n预算执行率得分 ${executionPoints}\n`);
    indicators.forEach((i, n) => out.write(`指标 ${n + 1}：完成 ${i.completion}%，得分 ${i.points}\n`));
  }
  return 0;
}
