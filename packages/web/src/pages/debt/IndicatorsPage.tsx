// 债务率: a township's debt ratio (balance / comprehensive capacity) in its warning colour, the
// debt-service ratio, the maturity profile (ECharts bars: what falls due when) and the ratio's trend
// by month; comprehensive capacity entered where the budget figures are not enough.
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Space, Statistic, Tag } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { EChart } from "../budget/EChart.tsx";
import { colourHex, colourTag, debtApi, kindNames, yuan, type Capacity, type DebtIndicators } from "./debtApi.ts";

const wan = (v: string) => Number((BigInt(v.replace(".", "")) / 100n).toString()) / 10_000;

export default function DebtIndicatorsPage() {
  const { me, can } = useAuth();
  const [search, setSearch] = useSearchParams();
  const district = (me?.regionCode ?? "").endsWith("000");
  const regionCode = search.get("regionCode") ?? (district ? "329901101" : me?.regionCode.slice(0, 9));
  const year = search.get("year") ?? undefined;
  const [data, setData] = useState<DebtIndicators | null>(null);
  const [entering, setEntering] = useState(false);
  const [counter, setCounter] = useState(0);
  const report = useApiError();
  useEffect(() => {
    const controller = new AbortController();
    debtApi.indicators({ regionCode, year }, controller.signal).then(setData).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [regionCode, year, counter, report]);
  const maturity = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    legend: { top: 0, right: 10, data: ["本金", "利息"] },
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.maturity.map((m) => m.label) },
    yAxis: { type: "value", name: "万元" },
    series: [
      { name: "本金", type: "bar", stack: "a", data: data.maturity.map((m, i) => ({ value: wan(m.principal), itemStyle: { color: i === 0 ? colourHex.red : "#1677ff" } })) },
      { name: "利息", type: "bar", stack: "a", data: data.maturity.map((m) => wan(m.interest)), itemStyle: { color: "#91caff" } },
    ],
  }, [data]);
  const trend = useMemo(() => data && {
    tooltip: { trigger: "axis" },
    grid: { left: 60, right: 40, top: 40, bottom: 30 },
    xAxis: { type: "category", data: data.trend.map((t) => t.month.slice(5) + "月") },
    yAxis: [{ type: "value", name: "债务率 %" }],
    series: [
      {
        name: "债务率",
        type: "line",
        data: data.trend.map((t) => (t.debtRatio === null ? null : Number(t.debtRatio))),
        markLine: { symbol: "none", data: [{ yAxis: Number(data.thresholds.yellow), lineStyle: { color: colourHex.yellow } }, { yAxis: Number(data.thresholds.orange), lineStyle: { color: colourHex.orange } }, { yAxis: Number(data.thresholds.red), lineStyle: { color: colourHex.red } }] },
      },
    ],
  }, [data]);
  if (!data) return <Card loading />;
  const colour = data.colour ? colourTag[data.colour] : null;
  return (
    <>
      <PageHeader
        title="债务率与到期结构"
        description={`债务率 = 债务余额 / 综合财力 × 100%；预警线 黄 ${data.thresholds.yellow}% / 橙 ${data.thresholds.orange}% / 红 ${data.thresholds.red}%（区财政局在“系统设置”中调整）。偿债率 = 当年应还本付息 / 综合财力。`}
        extra={
          <Space>
            {district && <RegionSelect levels={["township"]} value={regionCode} onChange={(v) => setSearch(v ? { regionCode: v } : {})} style={{ width: 160 }} />}
            <InputNumber value={data.year} min={2000} max={2100} onChange={(v) => v && setSearch({ ...(regionCode ? { regionCode } : {}), year: String(v) })} />
            {can("debt.manage") && !district && <Button onClick={() => setEntering(true)}>录入综合财力</Button>}
          </Space>
        }
      />
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card data-testid="ratio-card" style={{ borderTop: `4px solid ${data.colour ? colourHex[data.colour] : "#d9d9d9"}` }}>
            <Statistic title={`${data.regionName} 债务率（${data.asOf}）`} value={data.debtRatio ?? "—"} suffix={data.debtRatio ? "%" : ""} valueStyle={{ color: data.colour ? colourHex[data.colour] : undefined }} />
            {colour ? <Tag color={colour.color}>{colour.label}</Tag> : <Tag>{data.colourName}</Tag>}
          </Card>
        </Col>
        <Col span={6}><Card><Statistic title="债务余额（元）" value={yuan(data.balance)} /><div>其中隐性债务 {yuan(data.hiddenBalance)}</div></Card></Col>
        <Col span={6}><Card><Statistic title="综合财力（元）" value={yuan(data.capacity.total)} /><div>{data.capacity.source === "entered" ? `录入（第 ${data.capacity.version} 版）` : data.capacity.source === "budget" ? "按预算指标计算" : "未录入"}</div></Card></Col>
        <Col span={6}><Card><Statistic title="偿债率" value={data.debtServiceRatio ?? "—"} suffix={data.debtServiceRatio ? "%" : ""} /><div>当年应还本付息 {yuan(data.debtService)} 元{data.overdueLines > 0 && <Tag color="red" style={{ marginLeft: 8 }}>逾期 {data.overdueLines} 期 {yuan(data.overdueAmount)}</Tag>}</div></Card></Col>
      </Row>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={12}><Card title="到期结构（未还本息）">{maturity && <EChart option={maturity} height={300} />}</Card></Col>
        <Col span={12}><Card title={`${data.year} 年债务率走势`}>{trend && <EChart option={trend} height={300} />}</Card></Col>
      </Row>
      <Card title="余额构成">
        <Descriptions size="small" column={4} bordered>
          {Object.entries(data.balanceByKind).map(([k, v]) => <Descriptions.Item key={k} label={kindNames[k as keyof typeof kindNames]}>{yuan(v)} 元</Descriptions.Item>)}
        </Descriptions>
      </Card>
      {entering && <CapacityModal regionCode={data.regionCode} year={data.year} current={data.capacity} onClose={() => setEntering(false)} onDone={() => { setEntering(false); setCounter((c) => c + 1); }} />}
    </>
  );
}

function CapacityModal({ regionCode, year, current, onClose, onDone }: { regionCode: string; year: number; current: Capacity; onClose: () => void; onDone: () => void }) {
  const amount = { required: true, pattern: /^(0|[1-9]\d*)(\.\d{1,2})?$/, message: "金额最多两位小数" };
  return (
    <FormModal<Record<string, string>, Capacity>
      title={`录入 ${year} 年综合财力`}
      initialValues={{ generalRevenue: current.generalRevenue, transferRevenue: current.transferRevenue, fundRevenue: current.fundRevenue, stateCapitalRevenue: current.stateCapitalRevenue, note: "" }}
      send={(v) => debtApi.enterCapacity({ regionCode, year, ...v })}
      success={(c) => `已录入，综合财力 ${yuan(c.total)} 元`}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="generalRevenue" label="一般公共预算收入（元）" rules={[amount]}><Input /></Form.Item>
      <Form.Item name="transferRevenue" label="上级转移支付收入（元）" rules={[amount]}><Input /></Form.Item>
      <Form.Item name="fundRevenue" label="政府性基金收入（元）" rules={[amount]}><Input /></Form.Item>
      <Form.Item name="stateCapitalRevenue" label="国有资本经营收入（元）" rules={[amount]}><Input /></Form.Item>
      <Form.Item name="note" label="说明"><Input maxLength={500} /></Form.Item>
    </FormModal>
  );
}
