// One report in a drawer: its status and deadline, the audit formulas' findings, its content (the
// kind's own renderer, or its summary figures), versions and history, and what the person may do now:
// prepare again, submit (explaining warnings), accept or return with comments.
import { Alert, Button, Descriptions, Drawer, Input, List, Space, Tag, Timeline, message } from "antd";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { formatDateTime } from "../../lib/format.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { reportingApi, statusColours, type ReportDetail, type ReportKind } from "./reportingApi.ts";

export interface ReportDrawerProps {
  reportId: string | null;
  kind: ReportKind | null;
  renderContent?: (content: Record<string, unknown>) => ReactNode;
  onClose: () => void;
  onChanged: () => void;
}

export function ReportDrawer({ reportId, kind, renderContent, onClose, onChanged }: ReportDrawerProps) {
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const showError = useApiError();
  useEffect(() => {
    setReport(null);
    setNote("");
    if (!reportId) return;
    const controller = new AbortController();
    reportingApi.get(reportId, controller.signal).then(setReport).catch((e: unknown) => { if (!controller.signal.aborted) showError(e); });
    return () => controller.abort();
  }, [reportId, showError]);
  const act = useCallback(async (run: () => Promise<ReportDetail>, done: string) => {
    setBusy(true);
    try {
      const next = await run();
      setReport(next);
      setNote("");
      void message.success(done);
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  }, [onChanged, showError]);
  const r = report;
  return (
    <Drawer open={reportId !== null} width={860} title={r ? `${r.regionName} ${r.periodLabel}${r.kindName}` : "报表"} onClose={onClose}>
      {r && (
        <>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="状态"><Tag color={statusColours[r.displayStatus]}>{r.statusName}</Tag>{r.overdue && <Tag color="red">已逾期</Tag>}{r.late && <Tag color="orange">逾期上报</Tag>}</Descriptions.Item>
            <Descriptions.Item label="截止">{formatDateTime(r.deadlineAt)}{r.stepDeadlineAt && r.stepDeadlineAt !== r.deadlineAt && `（本环节 ${formatDateTime(r.stepDeadlineAt)}）`}</Descriptions.Item>
            <Descriptions.Item label="编制">{r.preparedByName} · 第 {r.version} 版 · {formatDateTime(r.preparedAt)}</Descriptions.Item>
            <Descriptions.Item label="上报">{r.submittedByName ? `${r.submittedByName} · ${formatDateTime(r.submittedAt!)}` : "—"}</Descriptions.Item>
            {r.returnNote && <Descriptions.Item label="退回意见" span={2}><span style={{ color: "#d46b08" }}>{r.returnNote}</span></Descriptions.Item>}
          </Descriptions>
          {r.problems.length > 0 && (
            <List size="small" bordered style={{ marginBottom: 12 }} header={<b>审核公式</b>} dataSource={r.problems} renderItem={(p) => <List.Item><Tag color={p.level === "error" ? "red" : "gold"}>{p.level === "error" ? "错误" : "提示"}</Tag>{p.message}</List.Item>} />
          )}
          {renderContent ? renderContent(r.content) : (
            <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
              {(kind?.summaryColumns ?? []).map((c) => <Descriptions.Item key={c.key} label={c.label}>{r.summary[c.key] ?? "—"}</Descriptions.Item>)}
            </Descriptions>
          )}
          {r.actions.length > 0 && (
            <Space direction="vertical" style={{ width: "100%", margin: "12px 0" }}>
              {r.actions.includes("submit") && r.problems.some((p) => p.level === "warning") && <Alert type="warning" showIcon message="报表有提示事项，上报时请在意见中说明。" />}
              <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={r.actions.includes("return") ? "审核意见（退回时必填）" : "上报说明"} />
              <Space>
                {r.actions.includes("prepare") && <Button loading={busy} onClick={() => void act(() => reportingApi.prepare({ kind: r.kind, regionCode: r.regionCode, period: r.period }), "已按最新数据重新编制")}>重新编制</Button>}
                {r.actions.includes("submit") && <Button type="primary" loading={busy} disabled={r.problems.some((p) => p.level === "error")} onClick={() => void act(() => reportingApi.submit(r.id, { version: r.version, ...(note ? { note } : {}) }), "已上报区财政局")}>上报</Button>}
                {r.actions.includes("accept") && <Button type="primary" loading={busy} onClick={() => void act(() => reportingApi.accept(r.id, note ? { note } : {}), "已审核通过并锁定")}>审核通过并锁定</Button>}
                {r.actions.includes("return") && <Button danger loading={busy} onClick={() => void act(() => reportingApi.return(r.id, { note }), "已退回乡镇修改")}>退回修改</Button>}
              </Space>
            </Space>
          )}
          <h4>流转记录</h4>
          <Timeline items={r.history.map((h, i) => ({ key: i, children: `${formatDateTime(h.at)} · ${h.actorName} · ${h.actionLabel}${h.note ? `：${h.note}` : ""}` }))} />
          <h4>版本</h4>
          <List size="small" dataSource={r.versions} renderItem={(v) => <List.Item>第 {v.version} 版 · {v.builtByName} · {formatDateTime(v.builtAt)} · <span className="xc-mono">SM3 {v.contentHash.slice(0, 16)}…</span></List.Item>} />
        </>
      )}
    </Drawer>
  );
}
