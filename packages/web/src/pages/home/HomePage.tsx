// 首页: the signed-in user's home. The to-do with its count one click away, then the cards the
// domains register for the user's kind of home (GET /home): figures, an ECharts chart, a short table,
// each with the page behind it. Money is read in the one format (lib/money.ts).
import { ReloadOutlined, ScheduleOutlined } from "@ant-design/icons";
import { Alert, Badge, Button, Card, Col, Empty, Row, Space, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import type { HomeCardView, HomeView } from "@xiangcai/shared";
import { request } from "../../api.ts";
import { PageHeader } from "../../components/PageHeader.tsx";
import { PageSpin } from "../../components/PageStates.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { HomeChart } from "./HomeChart.tsx";
import { homeValueText } from "./homeValues.ts";

const TONE_COLOURS = { danger: "#cf1322", warning: "#d46b08", success: "#389e0d" } as const;

function Figures({ card }: { card: HomeCardView }) {
  if (card.figures.length === 0) return null;
  return (
    <div className="xc-home-figures">
      {card.figures.map((f) => {
        const value = (
          <span className={f.kind === "money" ? "xc-home-figure-value xc-money" : "xc-home-figure-value"} style={f.tone ? { color: TONE_COLOURS[f.tone] } : undefined}>
            {homeValueText(f.value, f.kind)}
            {f.kind === "money" && <span className="xc-home-figure-unit">元</span>}
          </span>
        );
        return (
          <div key={f.label} className="xc-home-figure" data-home-figure={f.label}>
            <div className="xc-home-figure-label">{f.label}</div>
            {f.link ? <Link to={f.link}>{value}</Link> : value}
          </div>
        );
      })}
    </div>
  );
}

/**
 * Rows a card's table shows in full: a district's fourteen townships all on screen. A longer table
 * scrolls inside the card, and a line under it says how many rows there are and that it scrolls.
 */
const FULL_ROWS = 15;
/** A small table's row is about 39 px high: FULL_ROWS of them before the scroll. */
const SCROLL_HEIGHT = FULL_ROWS * 39;

function CardTable({ card }: { card: HomeCardView }) {
  const navigate = useNavigate();
  if (!card.table || card.table.rows.length === 0) return null;
  const columns: TableColumnsType<Record<string, string>> = card.table.columns.map((c) => ({
    key: c.key,
    dataIndex: c.key,
    title: c.title,
    ...(c.kind === "money" || c.kind === "count" || c.kind === "percent" ? { align: "right" as const, className: "xc-money" } : { ellipsis: true }),
    render: (v: string) => homeValueText(v, c.kind),
  }));
  const scrolls = card.table.rows.length > FULL_ROWS;
  return (
    <>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        columns={columns}
        dataSource={card.table.rows}
        pagination={false}
        scroll={scrolls ? { y: SCROLL_HEIGHT } : undefined}
        onRow={(row) => (row.link ? { onClick: () => navigate(row.link!), style: { cursor: "pointer" } } : {})}
      />
      {scrolls && (
        <div className="xc-home-note xc-home-scroll-hint" data-home-scroll-hint>
          共 {card.table.rows.length} 行，在表内上下滚动查看全部
        </div>
      )}
    </>
  );
}

function HomeCard({ card }: { card: HomeCardView }) {
  const nothing = !card.chart && (!card.table || card.table.rows.length === 0);
  return (
    <Card
      title={card.title}
      size="small"
      className="xc-home-card"
      data-home-card={card.code}
      extra={card.link ? <Link to={card.link.path}>{card.link.label}</Link> : undefined}
    >
      {card.note && <div className="xc-home-note">{card.note}</div>}
      <Figures card={card} />
      {card.empty && nothing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={card.empty} />
      ) : (
        <>
          {card.chart && <HomeChart chart={card.chart} />}
          <CardTable card={card} />
        </>
      )}
    </Card>
  );
}

function TodoBanner({ home }: { home: HomeView }) {
  const { todo } = home;
  const overdue = todo.flow.overdue + todo.sources.reduce((s, x) => s + x.overdue, 0);
  return (
    <Card size="small" className="xc-home-todo" data-home-card="todo">
      <Space size="large" wrap>
        <Link to="/todo" className="xc-home-todo-link">
          <ScheduleOutlined /> 我的待办 <Badge count={todo.total} showZero color={todo.total > 0 ? "#1677ff" : "#bfbfbf"} overflowCount={999} />
        </Link>
        {overdue > 0 && (
          <Link to="/todo?tab=overdue">
            <Tag color="red">超期 {overdue} 件</Tag>
          </Link>
        )}
        {todo.flow.todo > 0 && <span>审批事项 {todo.flow.todo} 件</span>}
        {todo.sources.filter((s) => s.total > 0).map((s) => (
          <span key={s.code}>
            {s.name} {s.total} 件
          </span>
        ))}
        {todo.total === 0 && <span className="xc-home-note">没有等待您办理的事项</span>}
      </Space>
    </Card>
  );
}

export default function HomePage() {
  const [home, setHome] = useState<HomeView | null>(null);
  const [failed, setFailed] = useState(false);
  const report = useApiError();
  const load = useCallback(
    (signal?: AbortSignal) => {
      request<HomeView>("/home", { signal })
        .then((h) => {
          setHome(h);
          setFailed(false);
        })
        .catch((e: unknown) => {
          if (e instanceof DOMException && e.name === "AbortError") return;
          setFailed(true);
          report(e);
        });
    },
    [report],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  if (!home) return failed ? <Alert type="error" showIcon title="首页加载失败" action={<Button onClick={() => load()}>重试</Button>} /> : <PageSpin />;
  return (
    <div data-home-audience={home.audience}>
      <PageHeader title="首页" description={`${home.heading} · ${home.fiscalYear} 年`} extra={<Button icon={<ReloadOutlined />} onClick={() => load()}>刷新</Button>} />
      <TodoBanner home={home} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {home.cards.map((card) => (
          <Col key={card.code} xs={24} xl={card.size === "wide" ? 24 : 12}>
            <HomeCard card={card} />
          </Col>
        ))}
      </Row>
    </div>
  );
}
