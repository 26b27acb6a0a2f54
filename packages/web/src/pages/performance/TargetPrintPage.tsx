// 绩效目标表 for printing and signing: the customary layout (level 1, level 2, level 3 with the
// indicator value, unit and weight), the year's budget and the overall goal; the app's frame is not
// printed.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { level2Name, targetLevels } from "@xiangcai/shared";
import { useApiError } from "../../lib/useApiError.ts";
import { yuan } from "../budget/budgetApi.ts";
import { directionSymbol, kindNames, performanceApi, sheetStatus, type SheetDetail } from "./performanceApi.ts";
import "../subsidy/notice.css";

/** One tree as the printed table; also used by the congress package. */
export function TargetTable({ sheet, budget }: { sheet: SheetDetail; budget?: string }) {
  const rowsOf = (l1: keyof typeof targetLevels) => sheet.indicators.filter((i) => i.level1 === l1);
  return (
    <div className="xc-notice-sheet" style={{ marginBottom: 24, pageBreakAfter: "always" }}>
      <h2 style={{ textAlign: "center", marginBottom: 4 }}>{sheet.fiscalYear}年度{sheet.subjectKind === "project" ? "项目支出" : sheet.subjectKind === "unit" ? "部门整体支出" : "重大政策"}绩效目标表</h2>
      <p style={{ textAlign: "center", marginTop: 0 }}>（{sheet.regionName} · {sheetStatus[sheet.status].label}）</p>
      <table className="xc-notice-table">
        <tbody>
          <tr><th>{kindNames[sheet.subjectKind]}名称</th><td colSpan={3}>{sheet.subjectName}</td><th>实施单位</th><td colSpan={2}>{sheet.budgetUnitName ?? `${sheet.regionName}财政所`}</td></tr>
          <tr><th>年度预算（元）</th><td colSpan={3}>{yuan(budget ?? sheet.issued)}</td><th>执行率</th><td colSpan={2}>{sheet.executionRate}%</td></tr>
          <tr><th>年度总体目标</th><td colSpan={6}>{sheet.overallGoal}</td></tr>
          <tr><th>一级指标</th><th>二级指标</th><th colSpan={2}>三级指标</th><th>指标值</th><th>计量单位</th><th>权重</th></tr>
          {(Object.keys(targetLevels) as (keyof typeof targetLevels)[]).flatMap((l1) =>
            rowsOf(l1).map((i, n) => (
              <tr key={i.indicatorNo}>
                {n === 0 && <td rowSpan={rowsOf(l1).length}>{targetLevels[l1].name}</td>}
                <td>{level2Name(i.level2)}</td>
                <td colSpan={2}>{i.name}</td>
                <td>{directionSymbol[i.direction]}{i.target}</td>
                <td>{i.unit}</td>
                <td style={{ textAlign: "right" }}>{i.weight}</td>
              </tr>
            )),
          )}
          <tr><td>预算执行</td><td>资金执行</td><td colSpan={2}>预算执行率</td><td>≥100</td><td>%</td><td style={{ textAlign: "right" }}>{sheet.weights.execution}</td></tr>
        </tbody>
      </table>
      <p style={{ marginTop: 24, display: "flex", justifyContent: "space-between" }}><span>单位负责人：</span><span>财政所审核：</span><span>日期：</span></p>
    </div>
  );
}

export default function TargetPrintPage() {
  const { id = "" } = useParams();
  const report = useApiError();
  const [sheet, setSheet] = useState<SheetDetail | null>(null);
  useEffect(() => void performanceApi.sheet(id).then(setSheet, report), [id, report]);
  if (!sheet) return null;
  return (
    <div className="xc-notice">
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印绩效目标表</Button>
        <Link to={`/performance/targets/${sheet.id}`}><Button>返回</Button></Link>
      </Space>
      <TargetTable sheet={sheet} />
    </div>
  );
}
