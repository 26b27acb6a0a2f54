// 我的待办: the matters waiting for the user (待办), those past their deadline in the
// user's scope (超期), and those the user answers for (首问负责). A row opens the matter.
import { ClockCircleOutlined, ReloadOutlined } from "@ant-design/icons";
import { Badge, Button, Card, Table, Tabs, Tag, Tooltip, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { flowApi } from "../../api.ts";
import type { FlowTask, Page, PageQuery } from "../../apiTypes.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { FlowDrawer } from "../../flow/FlowDrawer.tsx";
import { describeDeadline } from "../../lib/deadline.ts";
import { formatDateTime } from "../../lib/format.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { todoApi, type TodoCountsView } from "../../todo/todoApi.ts";
import { TodoSources } from "../../todo/TodoSources.tsx";

const TABS = [
  { key: "todo", label: "我的待办", load: flowApi.todo, empty: "暂无待办事项" },
  { key: "overdue", label: "超期事项", load: flowApi.overdue, empty: "没有超期事项" },
  { key: "owned", label: "我负责的事项", load: flowApi.owned, empty: "暂无由您首问负责的在办事项" },
] as const;

type TabKey = (typeof TABS)[number]["key"];

const NO_FILTERS: readonly never[] = [];

function isTabKey(value: string | null): value is TabKey {
  return TABS.some((tab) => tab.key === value);
}

const columns: TableColumnsType<FlowTask> = [
  {
    title: "事项",
    dataIndex: "title",
    ellipsis: true,
    render: (title: string, task) => (
      <span>
        {task.overdue && (
          <Tag color="red" icon={<ClockCircleOutlined />}>
            超期
          </Tag>
        )}
        {title}
      </span>
    ),
  },
  { title: "类型", dataIndex: "flowName", width: 140, ellipsis: true },
  { title: "区划", dataIndex: "regionName", width: 130, ellipsis: true },
  { title: "当前状态", dataIndex: "stateName", width: 110, render: (name: string) => <Tag color="processing">{name}</Tag> },
  { title: "首问负责人", dataIndex: "ownerName", width: 110, render: (name: string | null) => name ?? "—" },
  {
    title: "办理时限",
    dataIndex: "deadlineAt",
    width: 200,
    render: (deadlineAt: string | null, task) => {
      const state = describeDeadline(deadlineAt, new Date(), task.overdue);
      if (state === null) return "—";
      return (
        <Tooltip title={state.text}>
          <span className={state.overdue ? "xc-overdue-text" : undefined}>
            {formatDateTime(deadlineAt)}
            <div style={{ fontSize: 12, fontWeight: 400 }}>{state.text}</div>
          </span>
        </Tooltip>
      );
    },
  },
  {
    title: "发起",
    dataIndex: "createdAt",
    width: 150,
    render: (createdAt: string, task) => (
      <span>
        {task.createdByName}
        <div style={{ fontSize: 12, color: "#8c96a3" }}>{formatDateTime(createdAt)}</div>
      </span>
    ),
  },
];

/**
 * Counts on the tabs: 我的待办 counts everything that waits for the user (the flow's matters and the
 * work other domains feed in), the other tabs their flow lists.
 */
function useTabCounts(refresh: number): { counts: Partial<Record<TabKey, number>>; all: TodoCountsView | null } {
  const [all, setAll] = useState<TodoCountsView | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    todoApi
      .counts(controller.signal)
      .then(setAll)
      .catch(() => undefined);
    return () => controller.abort();
  }, [refresh]);
  const counts: Partial<Record<TabKey, number>> = all === null ? {} : { todo: all.total, overdue: all.flow.overdue, owned: all.flow.owned };
  return { counts, all };
}

export default function TodoPage() {
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get("tab");
  const tab: TabKey = isTabKey(tabParam) ? tabParam : "todo";
  const taskId = search.get("task");
  const query = useListQuery(NO_FILTERS);
  const [refresh, setRefresh] = useState(0);
  const { counts, all } = useTabCounts(refresh);
  const fedWaiting = (all?.sources ?? []).some((source) => source.total > 0);

  const current = TABS.find((candidate) => candidate.key === tab) ?? TABS[0];
  const load = useCallback(
    (signal: AbortSignal): Promise<Page<FlowTask>> =>
      current.load({ page: query.page, pageSize: query.pageSize } satisfies PageQuery, signal),
    [current, query.page, query.pageSize],
  );
  const list = useRemoteList(load, `${tab}|${query.key}`);

  const setParam = (key: string, value: string | null, resetPage = false) => {
    setSearch((previous) => {
      const params = new URLSearchParams(previous);
      if (value === null) params.delete(key);
      else params.set(key, value);
      if (resetPage) params.delete("page");
      return params;
    });
  };

  const reloadAll = () => {
    list.reload();
    setRefresh((value) => value + 1);
  };

  return (
    <>
      <PageHeader
        title="我的待办"
        description="需要您办理的事项、辖区内超过办理时限的事项，以及由您首问负责的在办事项。点击一行查看详情并办理。"
        extra={
          <Button icon={<ReloadOutlined />} onClick={reloadAll}>
            刷新
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam("tab", key === "todo" ? null : key, true)}
          items={TABS.map((candidate) => ({
            key: candidate.key,
            label: (
              <span>
                {candidate.label}
                {counts[candidate.key] !== undefined && (
                  <Badge
                    count={counts[candidate.key]}
                    showZero
                    overflowCount={999}
                    color={candidate.key === "overdue" && (counts.overdue ?? 0) > 0 ? "#c62828" : "#8c96a3"}
                    style={{ marginLeft: 6 }}
                  />
                )}
              </span>
            ),
          }))}
        />
        <Table<FlowTask>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.page?.items ?? []}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          rowClassName={(task) => (task.overdue ? "xc-row-overdue xc-row-clickable" : "xc-row-clickable")}
          onRow={(task) => ({
            onClick: () => setParam("task", task.id),
            onKeyDown: (event) => {
              if (event.key === "Enter") setParam("task", task.id);
            },
            tabIndex: 0,
          })}
          locale={{ emptyText: tab === "todo" && fedWaiting ? "暂无待审批的流程事项，其他待办见下方" : current.empty }}
          scroll={{ x: 1000 }}
        />
        {tab === "todo" && all !== null && <TodoSources sources={all.sources} refresh={refresh} />}
      </Card>
      <FlowDrawer instanceId={taskId} onClose={() => setParam("task", null)} onChanged={reloadAll} />
    </>
  );
}
