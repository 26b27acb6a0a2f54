// A minimal ECharts host: registers only the charts the dashboard uses, resizes with its box.
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * ECharts 6 puts a legend at the bottom, over the axis labels: a legend placed nowhere goes on top,
 * and a grid placed nowhere leaves it room.
 */
export function withLegendOnTop(option: echarts.EChartsCoreOption): echarts.EChartsCoreOption {
  const legend = option.legend as Record<string, unknown> | undefined;
  if (!legend || Array.isArray(legend) || "top" in legend || "bottom" in legend) return option;
  const grid = option.grid as Record<string, unknown> | undefined;
  const placedGrid = grid && !Array.isArray(grid) && "top" in grid ? grid : { ...grid, top: 40 };
  return { ...option, legend: { ...legend, top: 0 }, grid: Array.isArray(grid) ? grid : placedGrid };
}

export function EChart({ option, height = 320 }: { option: echarts.EChartsCoreOption; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption(withLegendOnTop(option));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} style={{ width: "100%", height }} />;
}
