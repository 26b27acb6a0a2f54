// The reports of one kind (the debt monthly report, the final accounts …): a township prepares the
// period's report from its data and submits it by the deadline; the district opens the one-page status
// of every township (ReportStatusPage). Reused by every report kind with its own content renderer.
import { Button, Card, Input, Space, Table, Tag, type TableColumnsType } from "antd";
import { useEffect, useState, type ReactNode } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { ReportDrawer } from "./ReportDrawer.tsx";
import { lastPeriod, reportingApi, statusColours, summaryText, type Report, type ReportKind } from "./reportingApi.ts";

const FILTER_KEYS = ["period", "status"] as const;

export function ReportsPage({ kindCode, description, renderContent }: { kindCode: string; description: string; renderContent?: (content: Record<string, unknown>) => ReactNode }) {
  const { me, can } = useAuth();
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [period, setPeriod] = useState("");
  const [busy, setBusy] = useState(false);
  const report = useApiError();
  const query = useListQuery(FILTER_KEYS);
  const list = useRemoteList((signal) => reportingApi.list({ kind: kindCode, ...query.filters, page: query.page, pageSize: query.pageSize }, signal), query.key);
  useEffect(() => {
    reportingApi.kinds().then((k) => {
      const found = k.items.find((i) => i.code === kindCode) ?? null;
      setKind(found);
      if (found) setPeriod(lastPeriod(found.periodicity));
    }).catch(report);
  }, [kindCode, report]);
  const township = me !== null && !me.regionCode.endsWith("000");
  const prepare = async () => {
    if (!me) return;
    setBusy(true);
    try {
      const prepared = await reportingApi.prepare({ kind: kindCode, regionCode: me.regionCode.slice(0, 9), period });
      list.reload();
      setOpen(prepared.id);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  const columns: TableColumnsType<Report> = [
    { title: "报告期", dataIndex: "periodLabel", width: 120, render: (label: string, r) => <a onClick={() => setOpen(r.id)}>{label}</a> },
    { title: "乡镇", dataIndex: "regionName", width: 110 },
    { title: "状态", dataIndex: "statusName", width: 170, render: (name: string, r) => <Space size={2}><Tag color={statusColours[r.displayStatus]}>{name}</Tag>{r.overdue && <Tag color="red">逾期</Tag>}{r.late && <Tag color="orange">逾期上报</Tag>}</Space> },
    ...(kind?.summaryColumns ?? []).slice(0, 4).map((c) => ({ title: c.label, key: c.key, align: "right" as const, render: (_: unknown, r: Report) => summaryText(c, r.summary[c.key]) })),
    { title: "截止", dataIndex: "deadlineAt", width: 150, render: formatDateTime },
    { title: "版本", dataIndex: "version", width: 60 },
  ];
  return (
    <>
      <PageHeader
        title={kind?.name ?? "上报报表"}
        description={description}
        extra={township && can("report.prepare") && (
          <Space>
            <Input value={period} onChange={(e) => setPeriod(e.target.value.trim())} style={{ width: 110 }} placeholder="报告期" />
            <Button type="primary" loading={busy} onClick={() => void prepare()}>按台账编制</Button>
          </Space>
        )}
      />
      <Card>
        <Table<Report> rowKey="id" size="middle" columns={columns} dataSource={list.page?.items ?? []} loading={list.loading} pagination={tablePagination(query, list.page)} onRow={(r) => ({ onDoubleClick: () => setOpen(r.id) })} locale={{ emptyText: "暂无报表" }} />
      </Card>
      <ReportDrawer reportId={open} kind={kind} renderContent={renderContent} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  );
}
