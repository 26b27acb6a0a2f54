// The work other domains feed into 我的待办 (budget lines waiting for review, lines returned to their
// author …): one section per kind with items waiting, each row leading to the page where it is done.
import { RightOutlined } from "@ant-design/icons";
import { Button, Card, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import { useNavigate } from "react-router";
import { formatYuanText } from "../lib/money.ts";
import { useRemoteList } from "../lib/useList.ts";
import { todoApi, type TodoItemView, type TodoSourceCount } from "./todoApi.ts";

const SECTION_PAGE_SIZE = 10;

function SourceSection({ source, refresh }: { source: TodoSourceCount; refresh: number }) {
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const load = useCallback((signal: AbortSignal) => todoApi.source(source.code, { page, pageSize: SECTION_PAGE_SIZE }, signal), [source.code, page]);
  const list = useRemoteList(load, `${source.code}|${page}|${refresh}`);
  const columns: TableColumnsType<TodoItemView> = [
    { title: "事项", dataIndex: "title", ellipsis: true },
    {
      title: "要点",
      key: "facts",
      ellipsis: true,
      render: (_, item) => item.facts.map((fact) => `${fact.label}：${fact.value}`).join("；"),
    },
    { title: "区划", dataIndex: "regionName", width: 100, ellipsis: true },
    { title: "状态", dataIndex: "stateName", width: 170, render: (name: string) => <Tag color="processing">{name}</Tag> },
    { title: "金额（元）", dataIndex: "amount", width: 140, align: "right", className: "xc-money", render: (value: string | null) => formatYuanText(value) },
    {
      title: "",
      key: "go",
      width: 100,
      render: (_, item) => (
        <Button type="link" size="small" onClick={() => void navigate(item.link.path)}>
          {item.link.label} <RightOutlined />
        </Button>
      ),
    },
  ];
  return (
    <Card size="small" title={`${source.name}（${source.total}）`} style={{ marginTop: 16 }} data-testid={`todo-source-${source.code}`}>
      <Table<TodoItemView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.page?.items ?? []}
        loading={list.loading}
        pagination={source.total > SECTION_PAGE_SIZE ? { current: page, pageSize: SECTION_PAGE_SIZE, total: list.page?.total ?? source.total, onChange: setPage, showSizeChanger: false } : false}
        rowClassName="xc-row-clickable"
        onRow={(item) => ({ onClick: () => void navigate(item.link.path) })}
        scroll={{ x: 1000 }}
      />
    </Card>
  );
}

/** Sections of fed work with at least one item waiting; nothing when there is none. */
export function TodoSources({ sources, refresh }: { sources: readonly TodoSourceCount[]; refresh: number }) {
  return (
    <>
      {sources
        .filter((source) => source.total > 0)
        .map((source) => (
          <SourceSection key={source.code} source={source} refresh={refresh} />
        ))}
    </>
  );
}
