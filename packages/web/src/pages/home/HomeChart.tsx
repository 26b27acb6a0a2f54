// A home card's chart: bars, one value axis per kind of value (counts and money side by side), the
// exact figures in the tooltip in the one money format.
import { useMemo } from "react";
import type { HomeChart as HomeChartView, HomeValueKind } from "@xiangcai/shared";
import { EChart } from "../budget/EChart.tsx";
import { chartNumber, homeValueText } from "./homeValues.ts";

const AXIS_NAMES: Record<HomeValueKind, string> = { money: "元", count: "数量", percent: "%", text: "" };

export function HomeChart({ chart }: { chart: HomeChartView }) {
  const option = useMemo(() => {
    const kinds = [...new Set(chart.series.map((s) => s.kind))].slice(0, 2);
    const valueAxes = kinds.map((k, i) => ({
      type: "value" as const,
      name: AXIS_NAMES[k],
      position: chart.horizontal ? (i === 0 ? "bottom" : "top") : i === 0 ? "left" : "right",
      splitLine: { show: i === 0 },
      axisLabel: { formatter: (v: number) => (k === "money" && Math.abs(v) >= 10_000 ? `${v / 10_000}万` : String(v)) },
    }));
    const categoryAxis = { type: "category" as const, data: chart.categories, axisLabel: { interval: 0, fontSize: 11 }, ...(chart.horizontal ? { inverse: true } : {}) };
    return {
      tooltip: {
        trigger: "axis",
        valueFormatter: undefined,
        formatter: (params: { seriesIndex: number; dataIndex: number; marker: string; seriesName: string; name: string }[]) => {
          const lines = params.map((p) => {
            const s = chart.series[p.seriesIndex]!;
            return `${p.marker}${p.seriesName}：${homeValueText(s.values[p.dataIndex], s.kind)}${s.kind === "money" ? " 元" : ""}`;
          });
          return [params[0]?.name ?? "", ...lines].join("<br/>");
        },
      },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      ...(chart.horizontal ? { xAxis: valueAxes, yAxis: categoryAxis } : { xAxis: categoryAxis, yAxis: valueAxes }),
      series: chart.series.map((s) => {
        const axis = Math.max(0, kinds.indexOf(s.kind));
        return { name: s.name, type: "bar", data: s.values.map(chartNumber), ...(chart.horizontal ? { xAxisIndex: axis } : { yAxisIndex: axis }), barMaxWidth: 22 };
      }),
    };
  }, [chart]);
  const height = chart.horizontal ? Math.max(220, chart.categories.length * 30 + 60) : 260;
  return <EChart option={option} height={height} />;
}
