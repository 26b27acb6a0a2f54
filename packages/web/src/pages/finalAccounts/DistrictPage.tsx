// 决算上报情况: the district's one page for a year's final accounts — every township's status (not
// started, preparing, returned, submitted, accepted; overdue in red) with its year's revenue and
// expenditure, a row opening the report to accept (locked) or return with comments, and the
// consolidated district tables (transfers between the district and its townships taken out), with
// the comparison of budget and final figures by functional class.
import { Alert, Card, Descriptions, Select, Space, Statistic, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { formatYuanText, moneyColumn } from "../../lib/money.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { ReportDrawer } from "../reporting/ReportDrawer.tsx";
import { reportingApi, statusColours, type ReportKind } from "../reporting/reportingApi.ts";
import { FinalTables } from "./FinalTables.tsx";
import { FINAL_KIND, finalApi, thisYear, yearOptions, type DistrictFinalView, type FinalAccountView } from "./finalApi.ts";

type Row = DistrictFinalView["rows"][number];

/** A report's content in the review drawer: its tables. */
function renderContent(content: Record<string, unknown>) {
  const c = content as unknown as Pick<FinalAccountView, "tables" | "units" | "regionName" | "year">;
  return <FinalTables view={c} chart />;
}

export default function DistrictPage() {
  const { me } = useAuth();
  const report = useApiError();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year")) || thisYear();
  const [data, setData] = useState<DistrictFinalView | null>(null);
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [counter, setCounter] = useState(0);
  const reload = useCallback(() => setCounter((c) => c + 1), []);

  useEffect(() => {
    reportingApi.kinds().then((k) => setKind(k.items.find((i) => i.code === FINAL_KIND) ?? null)).catch(report);
  }, [report]);
  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    finalApi.district(year, controller.signal).then(setData).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [year, counter, report]);

  const counts = useMemo(() => {
    const rows = data?.rows ?? [];
    const by = (s: string) => rows.filter((r) => r.status === s).length;
    return { total: rows.length, accepted: by("accepted"), submitted: by("submitted"), returned: by("returned"), prepared: by("prepared"), notStarted: by("notStarted"), overdue: rows.filter((r) => r.overdue).length };
  }, [data]);

  const columns: TableColumnsType<Row> = [
    { title: "乡镇", dataIndex: "regionName", width: 120, render: (name: string, r) => <Link to={`/final-accounts?region=${r.regionCode}&year=${year}`}>{name}</Link> },
    {
      title: "状态",
      dataIndex: "statusName",
      width: 200,
      render: (name: string, r) => (
        <Space size={2}>
          <Tag color={statusColours[r.status as keyof typeof statusColours] ?? "default"}>{name}</Tag>
          {r.overdue && <Tag color="red">逾期</Tag>}
        </Space>
      ),
    },
    { title: "本年收入合计（元）", dataIndex: "revenue", ...moneyColumn },
    { title: "本年支出合计（元）", dataIndex: "expenditure", ...moneyColumn },
    {
      title: "操作",
      key: "actions",
      width: 200,
      render: (_: unknown, r) => (
        <Space>
          {r.reportId && <a onClick={() => setOpen(r.reportId)}>{r.status === "submitted" ? "审核" : "查看上报"}</a>}
          <Link to={`/final-accounts?region=${r.regionCode}&year=${year}`}>查看决算</Link>
        </Space>
      ),
    },
  ];

  const consolidated = data?.consolidated ?? null;
  return (
    <>
      <PageHeader
        title="决算上报情况"
        description="各乡镇（街道）本年度财政总决算一页看全：未编制、编制中、已退回、待审核、已锁定，逾期标红。点击“审核”打开上报的决算：审核通过即锁定，退回须填写意见。全区合并决算为已上报（待审核和已锁定）决算的合计，区对乡镇的补助和乡镇对区的上解合并抵消。"
        extra={<Select value={year} onChange={(y: number) => setParams({ year: String(y) })} options={yearOptions()} style={{ width: 120 }} aria-label="决算年度" />}
      />
      <Card style={{ marginBottom: 16 }} loading={!data}>
        <Space size={40} wrap>
          <Statistic title="乡镇" value={counts.total} />
          <Statistic title="已审核锁定" value={counts.accepted} valueStyle={{ color: counts.accepted ? "#389e0d" : undefined }} />
          <Statistic title="待审核" value={counts.submitted} valueStyle={{ color: counts.submitted ? "#1677ff" : undefined }} />
          <Statistic title="已退回" value={counts.returned} />
          <Statistic title="编制中" value={counts.prepared} />
          <Statistic title="未编制" value={counts.notStarted} />
          <Statistic title="逾期" value={counts.overdue} valueStyle={{ color: counts.overdue ? "#cf1322" : undefined }} />
          {data && <Statistic title="上报截止" value={formatDateTime(data.deadlineAt)} valueStyle={{ fontSize: 16 }} />}
        </Space>
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Table<Row> className="xc-final-status" rowKey="regionCode" size="middle" loading={!data} dataSource={data?.rows ?? []} columns={columns} pagination={false} rowClassName={(r) => (r.overdue ? "xc-row-overdue" : "")} />
      </Card>
      <Card title={consolidated ? `全区合并决算（${consolidated.townships} 个乡镇已上报）` : "全区合并决算"}>
        {!consolidated && <Alert type="info" showIcon message={`${year}年度还没有乡镇上报决算。`} />}
        {consolidated && (
          <>
            <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
              <Descriptions.Item label="抵消：区对乡镇补助（上级补助收入）">{formatYuanText(consolidated.eliminated.transfersFromDistrict)} 元</Descriptions.Item>
              <Descriptions.Item label="抵消：乡镇对区上解（上解支出）">{formatYuanText(consolidated.eliminated.remittancesToDistrict)} 元</Descriptions.Item>
            </Descriptions>
            <FinalTables view={{ tables: consolidated.tables, units: [], regionName: `${me?.regionName ?? ""}各乡镇（街道）合计`, year }} chart />
          </>
        )}
      </Card>
      <style>{".xc-row-overdue > td { background: #fff1f0 !important; }"}</style>
      <ReportDrawer reportId={open} kind={kind} renderContent={renderContent} onClose={() => setOpen(null)} onChanged={reload} />
    </>
  );
}
