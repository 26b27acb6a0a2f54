// 全区债务排名: every township on one page ranked by debt ratio, coloured by warning level, with the
// district total (the district's view; a township sees its own row).
import { Card, InputNumber, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { DistrictDebtRow } from "@xiangcai/shared";
import { useAuth } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { colourTag, debtApi, yuan, type DistrictDebt } from "./debtApi.ts";

export default function DistrictDebtPage() {
  const [year, setYear] = useState<number | undefined>();
  const [data, setData] = useState<DistrictDebt | null>(null);
  const report = useApiError();
  // A township sees its own row only: its total is not the district's.
  const district = (useAuth().me?.regionCode ?? "").endsWith("000");
  useEffect(() => {
    const controller = new AbortController();
    debtApi.district({ year }, controller.signal).then(setData).catch((e: unknown) => { if (!controller.signal.aborted) report(e); });
    return () => controller.abort();
  }, [year, report]);
  return (
    <>
      <PageHeader title={district ? "全区债务排名" : "本镇债务率"} description={district ? "各乡镇按债务率从高到低排列；颜色为预警等级。点击乡镇查看其债务率与到期结构。" : "本镇的债务余额、综合财力、债务率和预警等级；区财政局在此页看到全区各乡镇的排名。"} extra={<Space>年度 <InputNumber value={data?.year} min={2000} max={2100} onChange={(v) => setYear(v ?? undefined)} /></Space>} />
      <Card>
        <Table<DistrictDebtRow>
          rowKey="regionCode"
          size="middle"
          loading={!data}
          dataSource={data?.rows ?? []}
          pagination={false}
          columns={[
            { title: "排名", dataIndex: "rank", width: 70, render: (r: number | null) => r ?? "—" },
            { title: "乡镇", dataIndex: "regionName", render: (n: string, r) => <Link to={`/debt/indicators?regionCode=${r.regionCode}`}>{n}</Link> },
            { title: "债务余额（元）", dataIndex: "balance", align: "right", render: yuan },
            { title: "综合财力（元）", dataIndex: "capacity", align: "right", render: yuan },
            { title: "债务率", dataIndex: "debtRatio", align: "right", render: (v: string | null, r) => (v ? <b style={{ color: r.colour === "green" ? undefined : "#cf1322" }}>{v}%</b> : "—") },
            { title: "预警", dataIndex: "colour", render: (c: DistrictDebtRow["colour"]) => (c ? <Tag color={colourTag[c].color}>{colourTag[c].label}</Tag> : <Tag>未录入财力</Tag>) },
            { title: "偿债率", dataIndex: "debtServiceRatio", align: "right", render: (v: string | null) => (v ? `${v}%` : "—") },
            { title: "逾期本息（元）", dataIndex: "overdueAmount", align: "right", render: (v: string) => (v === "0.00" ? "—" : <span style={{ color: "#cf1322" }}>{yuan(v)}</span>) },
          ]}
          summary={() => data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}><b>{district ? "全区合计" : "合计"}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right"><b>{yuan(data.total.balance)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><b>{yuan(data.total.capacity)}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><b>{data.total.debtRatio ? `${data.total.debtRatio}%` : "—"}</b></Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{data.total.colour && <Tag color={colourTag[data.total.colour].color}>{colourTag[data.total.colour].label}</Tag>}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} />
              <Table.Summary.Cell index={7} align="right">{yuan(data.total.overdueAmount)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
    </>
  );
}
