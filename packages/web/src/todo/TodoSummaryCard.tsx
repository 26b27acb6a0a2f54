// What is being approved, as its domain describes it: the amount at stake, the facts (payee, account,
// indicator, classification names …), a small table, the attachments to open, warnings, and a link
// to the full page. Shown at the top of the to-do drawer, next to the approve button.
import { ExportOutlined, PaperClipOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Table, Tag } from "antd";
import { Link } from "react-router";
import { download } from "../api.ts";
import { formatYuanText } from "../lib/money.ts";
import { useApiError } from "../lib/useApiError.ts";
import type { TodoSummaryView } from "./todoApi.ts";

export function TodoSummaryCard({ summary }: { summary: TodoSummaryView }) {
  const report = useApiError();
  return (
    <Card
      size="small"
      className="xc-todo-summary"
      data-testid="todo-summary"
      title={
        <Space size={8} wrap>
          <Tag color="blue">{summary.kindName}</Tag>
          <span style={{ fontWeight: 600 }}>{summary.headline}</span>
        </Space>
      }
      extra={
        summary.link !== null && (
          <Link to={summary.link.path}>
            {summary.link.label} <ExportOutlined />
          </Link>
        )
      }
    >
      {summary.amount !== null && (
        <div className="xc-todo-amount">
          <span className="xc-todo-amount-label">{summary.amount.label}</span>
          <span className="xc-todo-amount-value xc-money">¥ {formatYuanText(summary.amount.value)}</span>
        </div>
      )}
      {summary.warnings.map((warning) => (
        <Alert key={warning} type="warning" showIcon icon={<WarningOutlined />} title={warning} style={{ marginBottom: 8 }} />
      ))}
      <Descriptions
        size="small"
        column={2}
        bordered
        items={summary.fields.map((field) => ({
          key: field.label,
          label: field.label,
          span: field.wide === true ? 2 : 1,
          children: field.kind === "money" ? <span className="xc-money">{formatYuanText(field.value)}</span> : field.value === "" ? "—" : field.value,
        }))}
      />
      {summary.table !== null && summary.table.rows.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <div className="xc-todo-subtitle">{summary.table.title}</div>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, index) => String(index)}
            dataSource={summary.table.rows}
            columns={summary.table.columns.map((column) => ({
              key: column.key,
              dataIndex: column.key,
              title: column.title,
              ...(column.money === true ? { align: "right" as const, className: "xc-money", render: (value: string) => formatYuanText(value) } : {}),
            }))}
            scroll={{ x: "max-content" }}
          />
          {summary.table.more > 0 && <div className="xc-todo-more">另有 {summary.table.more} 行，请打开完整页面查看。</div>}
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <div className="xc-todo-subtitle">附件</div>
        {summary.attachments.length === 0 ? (
          <span style={{ color: "#8c96a3" }}>无附件</span>
        ) : (
          <Space wrap>
            {summary.attachments.map((file) =>
              file.downloadPath === null ? (
                <Tag key={file.name} icon={<PaperClipOutlined />}>
                  {file.name}
                </Tag>
              ) : (
                <Button key={file.name} size="small" icon={<PaperClipOutlined />} onClick={() => void download(file.downloadPath!, { fallbackName: file.name }).catch(report)}>
                  {file.name}
                </Button>
              ),
            )}
          </Space>
        )}
      </div>
    </Card>
  );
}
