// 预算执行: issued against paid, and the execution rate, by township (district users see every
// township side by side), unit, functional class at each level, economic class, and month; Excel export.
import { FieldTimeOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { budgetApi, currentFiscalYear, download, yuan, type ExecutionReport } from "./budgetApi.ts";
import { EChart } from "./EChart.tsx";
import { DistrictYearEndModal } from "../treasury/DistrictYearEndModal.tsx";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const DIMENSIONS = [
  { value: "township", label: "按乡镇" },
  { value: "unit", label: "按单位" },
  { value: "functional1", label: "功能分类·类" },
  { value: "functional2", label: "功能分类·款" },
  { value: "functional3", label: "功能分类·项" },
  { value: "economic1", label: "经济分类·类" },
  { value: "economic2", label: "经济分类·款" },
];

/** Yuan strings to wan (万元) for the charts only; the tables show exact yuan. */
const wan = (s: string) => Math.round(Number(s.replace(/\.\d+$/, "")) / 100) / 100;

export default function ExecutionPage() {
  const me = useMe();
  const { can } = useAuth();
  const [yearEnd, setYearEnd] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [year, setYear] = useState(currentFiscalYear());
  const [by, setBy] = useState(me.regionCode.endsWith("000") ? "township" : "unit");
  const [report, setReport] = useState<ExecutionReport | null>(null);
  const [months, setMonths] = useState<ExecutionReport | null>(null);
  const onError = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    budgetApi.execution({ fiscalYear: year, by }, controller.signal).then(setReport).catch(onError);
    budgetApi.execution({ fiscalYear: year, by: "month" }, controller.signal).then(setMonths).catch(onError);
    return () => controller.abort();
  }, [year, by, onError, reloads]);
  const barOption = useMemo(() => {
    const rows = report?.rows ?? [];
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["指标数", "已支付"] },
      grid: { left: 60, right: 20, bottom: 90, top: 50 },
      xAxis: { type: "category", data: rows.map((r) => r.name || r.key), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: "value", name: "万元" },
      series: [
        { name: "指标数", type: "bar", data: rows.map((r) => wan(r.issued)), itemStyle: { color: "#91caff" } },
        { name: "已支付", type: "bar", data: rows.map((r) => wan(r.paid)), itemStyle: { color: "#1677ff" } },
      ],
    };
  }, [report]);
  const lineOption = useMemo(() => {
    const rows = months?.rows ?? [];
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: ["当月支付", "累计执行率"] },
      grid: { left: 60, right: 60, bottom: 30, top: 50 },
      xAxis: { type: "category", data: rows.map((r) => r.name) },
      yAxis: [{ type: "value", name: "万元" }, { type: "value", name: "%", max: 100 }],
      series: [
        { name: "当月支付", type: "bar", data: rows.map((r) => wan(r.paid)), itemStyle: { color: "#52c41a" } },
        { name: "累计执行率", type: "line", yAxisIndex: 1, data: rows.map((r) => Number(r.executionRate.replace("%", ""))) },
      ],
    };
  }, [months]);
  return (
    <>
      <PageHeader
        title="预算执行分析"
        description="执行率 = 已支付 ÷ 指标数。数据实时取自指标及其变动记录。"
        extra={
          <Space>
            <Select value={year} onChange={setYear} style={{ width: 120 }} options={[-2, -1, 0].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />
            {can("yearEnd.district") && <Button icon={<FieldTimeOutlined />} onClick={() => setYearEnd(true)}>全区年终结转结账</Button>}
            <DownloadButton download={() => download("/budget/execution/export", { fiscalYear: year, by }, "预算执行.xlsx")}>导出 Excel</DownloadButton>
          </Space>
        }
      />
      {report && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col span={6}><Card><Statistic title="指标数（元）" value={yuan(report.total.issued)} /></Card></Col>
          <Col span={6}><Card><Statistic title="已支付（元）" value={yuan(report.total.paid)} /></Card></Col>
          <Col span={6}><Card><Statistic title="在途（元）" value={yuan(report.total.reserved)} /></Card></Col>
          <Col span={6}><Card><Statistic title="执行率" value={report.total.executionRate} /></Card></Col>
        </Row>
      )}
      <Row gutter={16}>
        <Col span={14}>
          <Card title={<Segmented value={by} onChange={(v) => setBy(String(v))} options={DIMENSIONS} />}>
            <EChart option={barOption} />
          </Card>
        </Col>
        <Col span={10}>
          <Card title="按月支付与累计执行率"><EChart option={lineOption} /></Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Table rowKey="key" size="small" pagination={false} dataSource={report ? [...report.rows, report.total] : []} columns={[
          { title: "编码", dataIndex: "key", width: 120, render: (k: string) => (by === "unit" || k === "total" ? "" : k) },
          { title: "名称", dataIndex: "name" },
          { title: "指标数", dataIndex: "issued", align: "right", render: yuan },
          { title: "在途", dataIndex: "reserved", align: "right", render: yuan },
          { title: "已支付", dataIndex: "paid", align: "right", render: yuan },
          { title: "可用", dataIndex: "available", align: "right", render: yuan },
          { title: "执行率", dataIndex: "executionRate", align: "right" },
        ]} />
      </Card>
      {yearEnd && <DistrictYearEndModal onClose={() => setYearEnd(false)} onDone={() => setReloads((n) => n + 1)} />}
    </>
  );
}
