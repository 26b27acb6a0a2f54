// 财园信贷通·统计: by bank — fund balance, lending room, loans outstanding (with a chart of room against
// use), overdue, compensation and recoveries — and by year — loans granted and repaid, net deposits,
// compensation and recoveries (with a chart) — and the district's total.
import { Card, Col, Row, Statistic, Table } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { ParkFiguresView } from "@xiangcai/shared";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { EChart } from "../budget/EChart.tsx";
import { yuan } from "../debt/debtApi.ts";
import { parkCreditApi } from "./parkCreditApi.ts";

const wan = (s: string) => Math.round(Number(s) / 100) / 100;

export default function FiguresPage() {
  const [data, setData] = useState<ParkFiguresView | null>(null);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    parkCreditApi.figures(controller.signal).then(setData, (error: unknown) => { if (!controller.signal.aborted) report(error); });
    return () => controller.abort();
  }, [report]);
  const byBank = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["可贷额度", "在贷余额", "补偿金余额"] },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.byBank.map((b) => b.bankName) },
    yAxis: { type: "value", name: "万元" },
    series: [
      { name: "可贷额度", type: "bar", data: data.byBank.map((b) => wan(b.capacity)), itemStyle: { color: "#bae0ff" } },
      { name: "在贷余额", type: "bar", data: data.byBank.map((b) => wan(b.outstanding)), itemStyle: { color: "#1677ff" } },
      { name: "补偿金余额", type: "bar", data: data.byBank.map((b) => wan(b.fundBalance)), itemStyle: { color: "#52c41a" } },
    ],
  }, [data]);
  const byYear = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: ["放款", "还款", "代偿", "收回"] },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.byYear.map((y) => `${y.year}`) },
    yAxis: { type: "value", name: "万元" },
    series: [
      { name: "放款", type: "bar", data: data.byYear.map((y) => wan(y.granted)) },
      { name: "还款", type: "bar", data: data.byYear.map((y) => wan(y.repaid)) },
      { name: "代偿", type: "bar", data: data.byYear.map((y) => wan(y.compensated)), itemStyle: { color: "#ff4d4f" } },
      { name: "收回", type: "bar", data: data.byYear.map((y) => wan(y.recovered)) },
    ],
  }, [data]);
  return (
    <>
      <PageHeader title="财园信贷通·统计" description={`按银行和年度统计风险补偿金、放款、在贷、逾期、代偿和收回。放大倍数 ${data?.multiple ?? "—"} 倍。`} />
      <Row gutter={12}>
        <Col span={6}><Card><Statistic title="风险补偿金余额（元）" value={yuan(data?.total.fundBalance)} /></Card></Col>
        <Col span={6}><Card><Statistic title="在贷余额（元）" value={yuan(data?.total.outstanding)} /></Card></Col>
        <Col span={6}><Card><Statistic title={`累计放款（${data?.total.loans ?? 0} 笔，元）`} value={yuan(data?.total.granted)} /></Card></Col>
        <Col span={6}><Card><Statistic title="累计代偿 / 收回（元）" value={data ? `${yuan(data.total.compensated)} / ${yuan(data.total.recovered)}` : "—"} /></Card></Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={12}><Card title="按银行：额度与在贷">{byBank && <EChart option={byBank} height={300} />}</Card></Col>
        <Col span={12}><Card title="按年度：放款、还款、代偿与收回">{byYear && <EChart option={byYear} height={300} />}</Card></Col>
      </Row>
      <Card title="按银行" style={{ marginTop: 12 }}>
        <Table size="small" rowKey="bankId" loading={!data} pagination={false} dataSource={data?.byBank ?? []} columns={[
          { title: "银行", dataIndex: "bankName" },
          { title: "补偿金余额", dataIndex: "fundBalance", align: "right", render: yuan },
          { title: "可贷额度", dataIndex: "capacity", align: "right", render: yuan },
          { title: "在贷余额", dataIndex: "outstanding", align: "right", render: yuan },
          { title: "额度使用率", dataIndex: "usePercent", align: "right", render: (p: string) => `${p}%` },
          { title: "累计放款", dataIndex: "granted", align: "right", render: yuan },
          { title: "笔数", dataIndex: "loans", align: "right" },
          { title: "逾期及违约", dataIndex: "overdue", align: "right", render: (v: string) => (v === "0.00" ? "0.00" : <span style={{ color: "#cf1322" }}>{yuan(v)}</span>) },
          { title: "代偿", dataIndex: "compensated", align: "right", render: yuan },
          { title: "收回", dataIndex: "recovered", align: "right", render: yuan },
        ]} />
      </Card>
      <Card title="按年度" style={{ marginTop: 12 }}>
        <Table size="small" rowKey="year" loading={!data} pagination={false} dataSource={data?.byYear ?? []} columns={[
          { title: "年度", dataIndex: "year" },
          { title: "放款笔数", dataIndex: "loans", align: "right" },
          { title: "放款金额", dataIndex: "granted", align: "right", render: yuan },
          { title: "还款", dataIndex: "repaid", align: "right", render: yuan },
          { title: "补偿金净存入", dataIndex: "deposited", align: "right", render: yuan },
          { title: "代偿", dataIndex: "compensated", align: "right", render: yuan },
          { title: "收回", dataIndex: "recovered", align: "right", render: yuan },
        ]} />
      </Card>
    </>
  );
}
