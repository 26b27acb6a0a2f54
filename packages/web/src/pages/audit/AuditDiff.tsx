// The change recorded by one audit row: a table of the fields that differ between
// `before` and `after`, and both snapshots in full for the record.
import { Col, Collapse, Empty, Row, Table, Tag } from "antd";
import { diffJson, displayValue, type DiffKind, type DiffRow } from "../../lib/jsonDiff.ts";

const KIND_TAGS: Record<DiffKind, { label: string; color: string }> = {
  added: { label: "新增", color: "green" },
  removed: { label: "删除", color: "red" },
  changed: { label: "修改", color: "blue" },
  unchanged: { label: "未变", color: "default" },
};

function pretty(value: unknown): string {
  if (value === null || value === undefined) return "（无）";
  return JSON.stringify(value, null, 2);
}

/**
 * `label` and `show` name a field and its value for a user-facing history (the audit page shows the
 * stored paths and values as they are); `raw: false` leaves out the full snapshots.
 */
export function AuditDiff({ before, after, label, show, raw = true }: { before: unknown; after: unknown; label?: (path: string) => string; show?: (path: string, value: unknown) => string; raw?: boolean }) {
  const rows = diffJson(before, after);
  const text = (path: string, value: unknown) => (show ? show(path, value) : displayValue(value));
  return (
    <div style={{ padding: "4px 8px" }}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="前后数据没有差异" />
      ) : (
        <Table<DiffRow>
          size="small"
          rowKey="path"
          pagination={false}
          dataSource={rows}
          columns={[
            { title: "字段", dataIndex: "path", width: 220, render: (path: string) => (label ? label(path) : <span className="xc-mono">{path === "" ? "（整体）" : path}</span>) },
            { title: "变化", dataIndex: "kind", width: 80, render: (kind: DiffKind) => <Tag color={KIND_TAGS[kind].color}>{KIND_TAGS[kind].label}</Tag> },
            {
              title: "变更前",
              dataIndex: "before",
              render: (value: unknown, row) =>
                row.kind === "added" ? null : <span className={`xc-mono ${row.kind === "removed" || row.kind === "changed" ? "xc-diff-removed" : ""}`}>{text(row.path, value)}</span>,
            },
            {
              title: "变更后",
              dataIndex: "after",
              render: (value: unknown, row) =>
                row.kind === "removed" ? null : <span className="xc-mono xc-diff-added">{text(row.path, value)}</span>,
            },
          ]}
        />
      )}
      {raw && <Collapse
        ghost
        size="small"
        style={{ marginTop: 8 }}
        items={[
          {
            key: "raw",
            label: "查看完整的变更前后数据",
            children: (
              <Row gutter={16}>
                <Col span={12}>
                  <div style={{ marginBottom: 4, color: "#6b7785" }}>变更前</div>
                  <pre className="xc-json xc-mono">{pretty(before)}</pre>
                </Col>
                <Col span={12}>
                  <div style={{ marginBottom: 4, color: "#6b7785" }}>变更后</div>
                  <pre className="xc-json xc-mono">{pretty(after)}</pre>
                </Col>
              </Row>
            ),
          },
        ]}
      />}
    </div>
  );
}
