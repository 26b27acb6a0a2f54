// 重点税源与收入预计: the key tax sources of a year ranked by tax paid, with last year's figure over
// the same months and the change (red when falling), a chart of the top ten against last year, and
// next year's revenue estimate built from the tax sources (each kind grown by its change, within the
// cap set in 系统设置). The district sees every township's sources together and picks a township for
// its estimate.
import { Alert, Card, Col, Empty, Row, Space, Spin, Statistic, Table, Tag, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { RevenueEstimateView, TaxRankingRow, TaxRankingView } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { EChart } from "../budget/EChart.tsx";
import { yuan } from "../debt/debtApi.ts";
import { atDistrict, YearSelect } from "./parts.tsx";
import { registersApi } from "./registersApi.ts";

const changeTag = (c: string | null) => (c === null ? <Tag>新增</Tag> : c.startsWith("-") ? <Tag color="red">{c}%</Tag> : <Tag color="green">+{c}%</Tag>);
const number = (s: string) => Number(s);

export default function TaxAnalysisPage() {
  const { me } = useAuth();
  const district = atDistrict(me?.regionCode);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [regionCode, setRegionCode] = useState<string | undefined>(district ? undefined : me?.regionCode?.slice(0, 9));
  const [ranking, setRanking] = useState<TaxRankingView | null>(null);
  const [estimate, setEstimate] = useState<RevenueEstimateView | null>(null);
  const [estimateFailed, setEstimateFailed] = useState(false);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    registersApi.ranking({ year, regionCode, limit: 30 }, controller.signal).then(setRanking, (error: unknown) => { if (!controller.signal.aborted) report(error); });
    setEstimate(null);
    setEstimateFailed(false);
    if (regionCode) registersApi.estimate({ year: year + 1, regionCode }, controller.signal).then(setEstimate, (error: unknown) => { if (!controller.signal.aborted) { setEstimateFailed(true); report(error); } });
    return () => controller.abort();
  }, [year, regionCode, report]);
  const chart = useMemo(() => {
    const top = (ranking?.items ?? []).slice(0, 10).reverse();
    if (top.length === 0) return null;
    return {
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: [`${year} 年`, `${year - 1} 年同期`] },
      grid: { left: 200, right: 40, top: 40, bottom: 30 },
      xAxis: { type: "value", name: "元" },
      yAxis: { type: "category", data: top.map((r) => r.name) },
      series: [
        { name: `${year} 年`, type: "bar", data: top.map((r) => number(r.paid)), itemStyle: { color: "#1677ff" } },
        { name: `${year - 1} 年同期`, type: "bar", data: top.map((r) => number(r.previousYear)), itemStyle: { color: "#bfbfbf" } },
      ],
    };
  }, [ranking, year]);
  const period = ranking?.throughMonth ? `1-${Number(ranking.throughMonth)} 月` : "全年";
  return (
    <>
      <PageHeader title="重点税源与收入预计" description="按实缴税款排列重点税源，与上年同期（相同月份）比较增减；下年收入按各税种本年全年实缴和同比增幅推算（增幅不超过系统设置的上限）；本年尚未结束时，未到的月份按上年同月乘以同比增幅补足全年。" />
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <YearSelect value={year} onChange={setYear} around={thisYear} />
          {district && <RegionSelect levels={["township"]} value={regionCode} onChange={setRegionCode} placeholder="全区（选择乡镇看收入预计）" allowClear style={{ width: 260 }} />}
          {ranking && <Typography.Text type="secondary">统计期间：{year} 年 {period}，与 {year - 1} 年同期比较</Typography.Text>}
        </Space>
      </Card>
      <Row gutter={12}>
        <Col span={8}><Card><Statistic title={`${year} 年 ${period}实缴`} value={yuan(ranking?.total)} suffix="元" /></Card></Col>
        <Col span={8}><Card><Statistic title={`${year - 1} 年同期`} value={yuan(ranking?.previousTotal)} suffix="元" /></Card></Col>
        <Col span={8}><Card><Statistic title={`${year + 1} 年收入预计`} value={estimate ? yuan(estimate.total.estimate) : "—"} suffix={estimate ? "元" : ""} /></Card></Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={12}>
          <Card title="前十位税源与上年同期">{chart ? <EChart option={chart} height={380} /> : <Empty description="该年度没有纳税数据" />}</Card>
        </Col>
        <Col span={12}>
          <Card title={`${year + 1} 年收入预计（按税源推算）`}>
            {!estimate && !regionCode && <Alert type="info" showIcon message="请选择一个乡镇查看其收入预计。" />}
            {!estimate && regionCode && estimateFailed && <Alert type="error" showIcon message="收入预计没有算出，请稍后重试。" />}
            {!estimate && regionCode && !estimateFailed && <Spin tip="正在推算…"><div style={{ height: 120 }} /></Spin>}
            {estimate && (
              <Table size="small" rowKey="taxKind" pagination={false} scroll={{ x: "max-content" }} dataSource={estimate.byKind}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}><b>合计</b></Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right">{yuan(estimate.total.previous)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{yuan(estimate.total.basis)}</Table.Summary.Cell>
                    <Table.Summary.Cell index={3}>{changeTag(estimate.total.growth)}</Table.Summary.Cell>
                    {estimate.throughMonth && <Table.Summary.Cell index={4} align="right">{yuan(estimate.total.fullYear)}</Table.Summary.Cell>}
                    <Table.Summary.Cell index={5} align="right"><b>{yuan(estimate.total.estimate)}</b></Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
                columns={[
                  { title: "税种", dataIndex: "taxKind", onCell: () => ({ style: { whiteSpace: "nowrap" } }) },
                  { title: `${estimate.basisYear - 1} 年${estimate.throughMonth ? "同期" : ""}`, dataIndex: "previous", align: "right", render: yuan },
                  { title: `${estimate.basisYear} 年${estimate.throughMonth ? `1-${Number(estimate.throughMonth)}月` : ""}`, dataIndex: "basis", align: "right", render: yuan },
                  { title: "增幅", dataIndex: "growth", render: changeTag },
                  ...(estimate.throughMonth ? [{ title: "全年推算", dataIndex: "fullYear", align: "right" as const, render: yuan }] : []),
                  { title: `${estimate.year} 年预计`, dataIndex: "estimate", align: "right", render: yuan },
                ]}
              />
            )}
            {estimate && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>增幅上限 ±{estimate.growthCap}%{estimate.throughMonth ? `；${estimate.basisYear} 年已导入到 ${Number(estimate.throughMonth)} 月，增幅按同期比较，其余月份按上年同月乘以增幅补足全年` : ""}。</Typography.Paragraph>}
          </Card>
        </Col>
      </Row>
      <Card title="重点税源排名" style={{ marginTop: 12 }}>
        <Table<TaxRankingRow> rowKey="id" size="middle" dataSource={ranking?.items ?? []} loading={!ranking} pagination={false}
          columns={[
            { title: "名次", dataIndex: "rank", width: 60 },
            { title: "纳税人", dataIndex: "name", ellipsis: true },
            ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 90 }] : []),
            { title: "行业", dataIndex: "industry", width: 130 },
            { title: `${year} 年实缴（元）`, dataIndex: "paid", width: 150, align: "right", render: yuan },
            { title: "上年同期（元）", dataIndex: "previousYear", width: 150, align: "right", render: yuan },
            { title: "同比", dataIndex: "change", width: 100, render: changeTag },
            { title: "占比", dataIndex: "share", width: 80, align: "right", render: (s: string) => `${s}%` },
          ]}
        />
      </Card>
    </>
  );
}
