// 预决算公开 (预算法第十四条): the approved budgets and accepted final accounts published to residents,
// each with the day it was approved, the day it went out and whether that kept the 20 days; a township
// publishes its approved budget or its accepted final account of a year (once). Residents read them at
// the service hall's touch screen (/kiosk).
import { App, Button, Card, Drawer, Form, Select, Space, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { FinalTables } from "./FinalTables.tsx";
import { finalApi, yearOptions, type PublicDocumentView } from "./finalApi.ts";
import { daysToPublish, ownTownshipOf } from "./finalRules.ts";

export function OnTimeTag({ doc }: { doc: PublicDocumentView }) {
  const days = daysToPublish(doc.approvedAt, doc.publishedAt);
  return doc.onTime ? <Tag color="green">按时公开（批准后第 {days} 天）</Tag> : <Tag color="red">逾期公开（批准后第 {days} 天，超过 20 日）</Tag>;
}

export default function PublicationsPage() {
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const report = useApiError();
  const [items, setItems] = useState<PublicDocumentView[] | null>(null);
  const [open, setOpen] = useState<PublicDocumentView | null>(null);
  const [busy, setBusy] = useState(false);
  const [counter, setCounter] = useState(0);
  const [form] = Form.useForm<{ kind: "budget" | "finalAccount"; year: number }>();
  const township = ownTownshipOf(me?.regionCode);
  const reload = useCallback(() => setCounter((c) => c + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    finalApi.publications(controller.signal).then((p) => setItems(p.items)).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [counter, report]);

  const publish = async (values: { kind: "budget" | "finalAccount"; year: number }) => {
    if (!township) return;
    setBusy(true);
    try {
      const doc = await finalApi.publish({ ...values, regionCode: township });
      void message.success(`已公开：${doc.title}`);
      reload();
    } catch (error) {
      report(error, form);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<PublicDocumentView> = [
    { title: "乡镇", dataIndex: "regionName", width: 110 },
    { title: "类型", dataIndex: "kindName", width: 80, render: (name: string, d) => <Tag color={d.kind === "budget" ? "blue" : "purple"}>{name}</Tag> },
    { title: "标题", dataIndex: "title", render: (title: string, d) => <a onClick={() => setOpen(d)}>{title}</a> },
    { title: "批准", dataIndex: "approvedAt", width: 150, render: formatDateTime },
    { title: "公开", dataIndex: "publishedAt", width: 150, render: formatDateTime },
    { title: "20 日内公开", key: "onTime", width: 250, render: (_: unknown, d) => <OnTimeTag doc={d} /> },
  ];

  return (
    <>
      <PageHeader
        title="预决算公开"
        description="经人大批准的预算、经区财政局审核通过的决算，应在批准后 20 日内向社会公开（预算法第十四条）。公开后的文件不能修改，群众可在服务大厅触摸屏“预决算公开”中查阅。"
        extra={
          township && can("report.prepare") ? (
            <Form form={form} layout="inline" initialValues={{ kind: "finalAccount", year: yearOptions()[1]!.value }} onFinish={(v) => void publish(v)}>
              <Form.Item name="kind" label="公开">
                <Select style={{ width: 110 }} options={[{ value: "budget", label: "预算" }, { value: "finalAccount", label: "决算" }]} />
              </Form.Item>
              <Form.Item name="year">
                <Select style={{ width: 120 }} options={yearOptions()} aria-label="年度" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>向社会公开</Button>
              </Form.Item>
            </Form>
          ) : undefined
        }
      />
      <Card>
        <Table<PublicDocumentView> rowKey="id" size="middle" loading={items === null} dataSource={items ?? []} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: "还没有公开的预算和决算" }} />
      </Card>
      <Drawer open={open !== null} width={980} title={open?.title} onClose={() => setOpen(null)}>
        {open && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <span>批准：{formatDateTime(open.approvedAt)}</span>
              <span>公开：{formatDateTime(open.publishedAt)}</span>
              <OnTimeTag doc={open} />
            </Space>
            <FinalTables view={{ tables: open.tables, units: [], regionName: open.regionName, year: open.year }} />
            {open.note && (
              <Card size="small" title={open.kind === "budget" ? "说明" : "决算说明"}>
                <div style={{ whiteSpace: "pre-wrap" }}>{open.note}</div>
              </Card>
            )}
          </>
        )}
      </Drawer>
    </>
  );
}
