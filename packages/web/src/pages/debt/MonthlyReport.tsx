// The debt monthly report's pages: the generic report-up pages with the report's own table of
// balances by kind, movements, overdue and the ratio.
import { Descriptions, Table, Tag } from "antd";
import { ReportStatusPage } from "../reporting/ReportStatusPage.tsx";
import { ReportsPage } from "../reporting/ReportsPage.tsx";
import { colourTag, kindNames, yuan } from "./debtApi.ts";

type Amounts = Record<"bond" | "loan" | "arrears" | "other" | "total", string>;

export function DebtMonthlyContent({ content }: { content: Record<string, unknown> }) {
  const c = content as { opening: Amounts; newDebt: Amounts; repaidPrincipal: Amounts; closing: Amounts; repaidInterest: string; hiddenBalance: string; arrearsCleared: string; overdue: { lines: number; principal: string; interest: string }; capacity: string; debtRatio: string | null; colour: keyof typeof colourTag | null; debtServiceRatio: string | null };
  const rows = (["bond", "loan", "arrears", "other", "total"] as const).map((k) => ({ key: k, name: k === "total" ? "合计" : kindNames[k], opening: c.opening[k], newDebt: c.newDebt[k], repaid: c.repaidPrincipal[k], closing: c.closing[k] }));
  return (
    <>
      <Table size="small" pagination={false} dataSource={rows} style={{ marginBottom: 12 }} columns={[
        { title: "债务类型", dataIndex: "name" },
        { title: "期初余额", dataIndex: "opening", align: "right", render: yuan },
        { title: "本月新增", dataIndex: "newDebt", align: "right", render: yuan },
        { title: "本月偿还本金", dataIndex: "repaid", align: "right", render: yuan },
        { title: "期末余额", dataIndex: "closing", align: "right", render: (v: string) => <b>{yuan(v)}</b> },
      ]} />
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="本月付息">{yuan(c.repaidInterest)}</Descriptions.Item>
        <Descriptions.Item label="清偿拖欠企业账款">{yuan(c.arrearsCleared)}</Descriptions.Item>
        <Descriptions.Item label="隐性债务余额">{yuan(c.hiddenBalance)}</Descriptions.Item>
        <Descriptions.Item label="逾期">{c.overdue.lines ? <span style={{ color: "#cf1322" }}>{c.overdue.lines} 期，本金 {yuan(c.overdue.principal)}，利息 {yuan(c.overdue.interest)}</span> : "无"}</Descriptions.Item>
        <Descriptions.Item label="综合财力">{yuan(c.capacity)}</Descriptions.Item>
        <Descriptions.Item label="债务率">{c.debtRatio ? `${c.debtRatio}%` : "—"} {c.colour && <Tag color={colourTag[c.colour].color}>{colourTag[c.colour].label}</Tag>}</Descriptions.Item>
        <Descriptions.Item label="偿债率">{c.debtServiceRatio ? `${c.debtServiceRatio}%` : "—"}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

const render = (content: Record<string, unknown>) => <DebtMonthlyContent content={content} />;

export function DebtMonthlyReportsPage() {
  return <ReportsPage kindCode="debtMonthly" renderContent={render} description="每月按债务台账编制：分类余额、本月新增、偿还本金和利息、逾期、清偿拖欠和债务率；通过审核公式后于截止日（默认次月10日，区财政局可设置、乡镇可单独设置）前上报区财政局，审核通过即锁定，退回的按意见修改后重新上报。" />;
}

export function DebtMonthlyStatusPage() {
  return <ReportStatusPage kindCode="debtMonthly" renderContent={render} />;
}
