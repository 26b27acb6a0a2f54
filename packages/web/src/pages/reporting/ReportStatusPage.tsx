// The district's one page for a report kind and period: every township's status (not started,
// preparing, returned, submitted, accepted), overdue and late marks, its summary figures, ranked and
// coloured when the kind ranks, and the district total over the reports received. A row opens the
// report to accept or return it.
import { Card, Input, Space, Statistic, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState, type ReactNode } from "react";
import type { ReportStatusRow } from "@xiangcai/shared";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { ReportDrawer } from "./ReportDrawer.tsx";
import { colourTags, lastPeriod, reportingApi, statusColours, summaryText, type ReportKind, type ReportStatus } from "./reportingApi.ts";

export function ReportStatusPage({ kindCode, renderContent }: { kindCode: string; renderContent?: (content: Record<string, unknown>) => ReactNode }) {
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [period, setPeriod] = useState("");
  const [data, setData] = useState<ReportStatus | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [counter, setCounter] = useState(0);
  const report = useApiError();
  useEffect(() => {
    reportingApi.kinds().then((k) => {
      const found = k.items.find((i) => i.code === kindCode) ?? null;
      setKind(found);
      if (found) setPeriod(lastPeriod(found.periodicity));
    }).catch(report);
  }, [kindCode, report]);
  useEffect(() => {
    if (!period) return;
    const controller = new AbortController();
    reportingApi.status({ kind: kindCode, period }, controller.signal).then(setData).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [kindCode, period, counter, report]);
  const columns: TableColumnsType<ReportStatusRow> = [
    ...(kind?.rank ? [{ title: "排名", dataIndex: "rank", width: 60, render: (r: number | null) => r ?? "—" }] : []),
    { title: "乡镇", dataIndex: "regionName", width: 110, render: (n: string, r) => (r.reportId ? <a onClick={() => setOpen(r.reportId)}>{n}</a> : n) },
    { title: "状态", dataIndex: "statusName", width: 180, render: (name: string, r) => <Space size={2}><Tag color={statusColours[r.displayStatus]}>{name}</Tag>{r.overdue && <Tag color="red">逾期</Tag>}{r.late && <Tag color="orange">逾期上报</Tag>}</Space> },
    ...(kind?.summaryColumns ?? []).map((c) => ({ title: c.label, key: c.key, align: "right" as const, render: (_: unknown, r: ReportStatusRow) => summaryText(c, r.summary[c.key]) })),
    ...(kind?.rank ? [{ title: "预警", dataIndex: "colour", width: 80, render: (c: ReportStatusRow["colour"]) => (c ? <Tag color={colourTags[c].color}>{colourTags[c].label}</Tag> : "—") }] : []),
    { title: "截止", dataIndex: "deadlineAt", width: 150, render: formatDateTime },
  ];
  return (
    <>
      <PageHeader title={`${kind?.name ?? "报表"}：全区上报情况`} description="各乡镇一页看全：未编制、编制中、已退回、待审核、已锁定；逾期标红。点击乡镇打开报表审核（通过即锁定，退回须填写意见）。合计为已上报（待审核和已锁定）报表的汇总。" extra={<Space>报告期 <Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 110 }} /></Space>} />
      {data && (
        <Card style={{ marginBottom: 16 }}>
          <Space size={48}>
            <Statistic title="乡镇" value={data.counts.total} />
            <Statistic title="已锁定" value={data.counts.accepted} />
            <Statistic title="待审核" value={data.counts.submitted} />
            <Statistic title="编制中/退回" value={data.counts.prepared + data.counts.returned} />
            <Statistic title="未编制" value={data.counts.notStarted} />
            <Statistic title="逾期" value={data.counts.overdue} valueStyle={{ color: data.counts.overdue ? "#cf1322" : undefined }} />
            <Statistic title="截止" value={formatDateTime(data.deadlineAt)} valueStyle={{ fontSize: 16 }} />
          </Space>
        </Card>
      )}
      <Card>
        <Table<ReportStatusRow>
          rowKey="regionCode"
          size="middle"
          loading={!data}
          dataSource={data?.rows ?? []}
          columns={columns}
          pagination={false}
          rowClassName={(r) => (r.overdue ? "xc-row-overdue" : "")}
          summary={() => data?.consolidated && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={kind?.rank ? 3 : 2}><b>全区合计（{data.consolidatedCount} 个乡镇已上报）</b></Table.Summary.Cell>
              {(kind?.summaryColumns ?? []).map((c, i) => <Table.Summary.Cell key={c.key} index={i + 3} align="right"><b>{summaryText(c, data.consolidated!.summary[c.key])}</b></Table.Summary.Cell>)}
              {kind?.rank && <Table.Summary.Cell index={99}>{data.consolidated.colour && <Tag color={colourTags[data.consolidated.colour].color}>{colourTags[data.consolidated.colour].label}</Tag>}</Table.Summary.Cell>}
              <Table.Summary.Cell index={100} />
            </Table.Summary.Row>
          )}
        />
      </Card>
      <style>{".xc-row-overdue > td { background: #fff1f0 !important; }"}</style>
      <ReportDrawer reportId={open} kind={kind} renderContent={renderContent} onClose={() => setOpen(null)} onChanged={() => setCounter((c) => c + 1)} />
    </>
  );
}
