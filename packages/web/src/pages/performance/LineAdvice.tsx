// Beside a project line in 预算编制: whether its targets for the year were accepted ("no target, no
// budget") and what its last evaluation's grade asks of this budget (a warning; for an enforced rule
// the limit the review checks). Loaded once per round.
import { Space, Tag, Tooltip } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { yuan } from "../budget/budgetApi.ts";
import { gradeColor, performanceApi, sheetStatus, type LineAdvice } from "./performanceApi.ts";

/** The advice for each project line of a round, by line id (empty while loading or without rights). */
export function useLineAdvice(roundId: string | null | undefined, reloadKey: unknown): Map<string, LineAdvice> {
  const [advice, setAdvice] = useState(new Map<string, LineAdvice>());
  useEffect(() => {
    if (!roundId) return setAdvice(new Map());
    performanceApi.preparationAdvice(roundId).then((list) => setAdvice(new Map(list.map((a) => [a.lineId, a]))), () => setAdvice(new Map()));
  }, [roundId, reloadKey]);
  return advice;
}

/** Where a unit enters the missing targets of a line's project for the round's year (the new tree's form, filled in). */
export const newTargetsPath = (advice: Pick<LineAdvice, "projectId" | "fiscalYear">) => `/performance/targets?${new URLSearchParams({ create: advice.projectId ?? "", year: String(advice.fiscalYear) }).toString()}`;

export function LineAdviceTags({ advice }: { advice: LineAdvice | undefined }) {
  const { can } = useAuth();
  if (!advice) return null;
  const t = advice.targets;
  const r = advice.result;
  const missing = <Tag color="red">未填绩效目标</Tag>;
  return (
    <Space size={2} wrap>
      {t.status === "missing" ? (
        advice.projectId && can("performance.enter") ? <Link to={newTargetsPath(advice)} title="随预算申报填写该项目的绩效目标">{missing}<span>填写</span></Link> : missing
      ) : (
        <Link to={`/performance/targets/${t.sheetId}`}><Tag color={sheetStatus[t.status].color}>目标{sheetStatus[t.status].label}</Tag></Link>
      )}
      {r && (
        <Tooltip title={`${r.evaluatedYear} 年度绩效评价 ${r.score} 分：${r.advice}${r.limit ? `，至多 ${yuan(r.limit)} 元` : ""}${r.exception ? `（已登记例外：${r.exception.reason}）` : ""}`}>
          <Tag color={gradeColor[r.grade]}>上年评价{r.grade}{r.enforced && !r.exception && r.limit ? ` 限 ${yuan(r.limit)}` : ""}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}
