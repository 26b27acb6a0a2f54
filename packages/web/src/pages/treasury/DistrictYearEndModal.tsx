// 全区年终结转结账: the district supervisor closes the year of every township in one action. The
// server answers at once and closes the townships one by one; this dialog polls the run and shows the
// progress and each township's result (closed with its carry-over, closed already, or refused and why).
import { Alert, App, Button, Modal, Progress, Select, Space, Table, Tag } from "antd";
import { useEffect, useState } from "react";
import { useApiError } from "../../lib/useApiError.ts";
import { useAction } from "../../lib/useSubmit.ts";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { yearEndApi, type YearEndRun, type YearEndTownshipResult } from "./treasuryFiles.ts";

const OUTCOMES: Record<YearEndTownshipResult["outcome"], { label: string; color: string }> = {
  pending: { label: "等待中", color: "default" },
  closed: { label: "已结转结账", color: "green" },
  alreadyClosed: { label: "此前已结账", color: "blue" },
  refused: { label: "未能结账", color: "red" },
};

export function DistrictYearEndModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [year, setYear] = useState(currentFiscalYear() - 1);
  const [run, setRun] = useState<YearEndRun | null>(null);
  // The dialog's key: a retried start (its answer lost) replays the run already started.
  const begin = useAction((key) => yearEndApi.start(year, key), { onDone: setRun });
  const report = useApiError();
  const { modal } = App.useApp();
  useEffect(() => {
    if (!run || run.status !== "running") return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      yearEndApi.run(run.id, controller.signal).then((next) => {
        setRun(next);
        if (next.status !== "running") onDone();
      }).catch(report);
    }, 800);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [run, report, onDone]);
  const start = () =>
    modal.confirm({
      title: `对全区各乡镇执行 ${year} 年度结转结账？`,
      content: "各乡镇未用完的指标结转下年（超过两年的一般公共预算转为结余），然后关闭该年度，此后不能再对该年度支付。有在途支付的乡镇不会结账，将列出原因。已结账的乡镇不受影响。",
      okText: "开始",
      onOk: () => begin.run(),
    });
  const percent = run ? Math.round((run.doneCount / Math.max(run.townshipCount, 1)) * 100) : 0;
  const counts = run ? Object.fromEntries((Object.keys(OUTCOMES) as YearEndTownshipResult["outcome"][]).map((o) => [o, run.results.filter((r) => r.outcome === o).length])) : {};
  return (
    <Modal open title="全区年终结转结账" width={900} onCancel={onClose} footer={<Button onClick={onClose}>{run?.status === "running" ? "在后台继续" : "关闭"}</Button>} destroyOnHidden>
      <Space style={{ marginBottom: 16 }}>
        <span>年度</span>
        <Select value={year} onChange={setYear} disabled={run?.status === "running"} style={{ width: 120 }} options={[-2, -1, 0].map((d) => ({ value: currentFiscalYear() + d, label: `${currentFiscalYear() + d}年度` }))} />
        <Button type="primary" danger loading={begin.running} disabled={run?.status === "running"} onClick={start}>开始全区结转结账</Button>
      </Space>
      {run && (
        <>
          <Progress percent={percent} status={run.status === "failed" ? "exception" : run.status === "running" ? "active" : "success"} format={() => `${run.doneCount} / ${run.townshipCount} 个乡镇`} />
          <Alert
            style={{ margin: "12px 0" }}
            type={run.status === "failed" ? "error" : counts.refused ? "warning" : run.status === "running" ? "info" : "success"}
            showIcon
            title={run.status === "running" ? `正在处理……已完成 ${run.doneCount} 个乡镇` : run.status === "failed" ? "任务中断，请重新执行（已结账的乡镇不会重复处理）" : `完成：结账 ${counts.closed ?? 0} 个，此前已结账 ${counts.alreadyClosed ?? 0} 个，未能结账 ${counts.refused ?? 0} 个`}
          />
          <Table<YearEndTownshipResult>
            rowKey="regionCode"
            size="small"
            pagination={false}
            dataSource={run.results}
            scroll={{ y: 360 }}
            columns={[
              { title: "乡镇", dataIndex: "regionName", width: 120 },
              { title: "结果", dataIndex: "outcome", width: 120, render: (o: YearEndTownshipResult["outcome"]) => <Tag color={OUTCOMES[o].color}>{OUTCOMES[o].label}</Tag> },
              { title: "结转下年", key: "carried", width: 170, align: "right", render: (_, r) => (r.carriedOver ? `${r.carriedOver.count} 项 ${yuan(r.carriedOver.amount)} 元` : "—") },
              { title: "转为结余", key: "balance", width: 150, align: "right", render: (_, r) => (r.becameBalance ? `${r.becameBalance.count} 项 ${yuan(r.becameBalance.amount)} 元` : "—") },
              { title: "说明", dataIndex: "message", render: (m: string | null) => m ?? "" },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
