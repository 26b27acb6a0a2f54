// 结果应用: for a preparation year, every project, unit and policy with a completed evaluation of an
// earlier year, its grade and what the township's rule asks of its next budget (may grow, flat, cut
// at least 20% or stop), the amount it is measured against and the most it may get; the director
// records an exception where a 差 grade's cut must not apply. The same warning shows beside the
// line in 预算编制, where the enforced cut is checked.
import { Button, Card, Form, Input, InputNumber, Space, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { currentFiscalYear, yuan } from "../budget/budgetApi.ts";
import { gradeColor, kindNames, performanceApi, type Advice } from "./performanceApi.ts";

export default function ResultsPage() {
  const { can } = useAuth();
  const me = useMe();
  const report = useApiError();
  const [year, setYear] = useState(currentFiscalYear() + 1);
  const [q, setQ] = useState("");
  const [rows, setRows] = useState<Advice[]>([]);
  const [loading, setLoading] = useState(false);
  const [excepting, setExcepting] = useState<Advice | null>(null);
  const load = useCallback(() => {
    setLoading(true);
    performanceApi.results(year).then(setRows, report).finally(() => setLoading(false));
  }, [year, report]);
  useEffect(load, [load]);
  const district = me.regionCode.endsWith("000");
  const shown = rows.filter((r) => !q || r.subjectName.includes(q) || r.regionName.includes(q));
  const columns: TableColumnsType<Advice> = [
    ...(district ? [{ title: "乡镇", dataIndex: "regionName", width: 100 }] : []),
    { title: "类型", dataIndex: "subjectKind", width: 90, render: (k: Advice["subjectKind"]) => kindNames[k] },
    { title: "对象", dataIndex: "subjectName", ellipsis: true },
    { title: "评价年度", dataIndex: "evaluatedYear", width: 90 },
    { title: "得分", dataIndex: "score", width: 80, align: "right" },
    { title: "等级", dataIndex: "grade", width: 70, render: (g: Advice["grade"]) => <Tag color={gradeColor[g]}>{g}</Tag> },
    { title: `${year} 年度预算要求`, dataIndex: "advice", ellipsis: true, render: (a: string, r) => <Space size={4}>{r.enforced && <Tag color="red">强制</Tag>}{a}</Space> },
    { title: "对比基数（元）", dataIndex: "base", width: 130, align: "right", render: yuan },
    { title: "至多安排（元）", dataIndex: "limit", width: 130, align: "right", render: (l: string | null) => (l ? yuan(l) : "不限") },
    { title: "例外", dataIndex: "exception", width: 200, ellipsis: true, render: (x: Advice["exception"], r) => (x ? `${x.recordedByName}：${x.reason}` : r.enforced && can("performance.exception") ? <Button size="small" type="link" onClick={() => setExcepting(r)}>登记例外</Button> : "—") },
  ];
  return (
    <>
      <PageHeader title="评价结果应用" description="绩效评价结果作为下年度预算安排的依据（规则可在系统设置中配置）：优可适当增加，良、中原则上持平，差须压减至少 20% 或停止安排（强制，所长可登记例外）。预算编制审核时同样显示该提示。" />
      <Card>
        <Space style={{ marginBottom: 12 }} wrap>
          预算年度 <InputNumber min={2000} max={2100} value={year} onChange={(y) => setYear(y ?? currentFiscalYear() + 1)} />
          <Input.Search allowClear placeholder={district ? "对象或乡镇名称" : "对象名称"} style={{ width: 220 }} onSearch={setQ} />
        </Space>
        <Table<Advice> rowKey={(r) => `${r.regionCode}-${r.subjectKind}-${r.subjectRef}`} size="middle" columns={columns} dataSource={shown} loading={loading} pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }} scroll={{ x: 1100 }} locale={{ emptyText: "没有适用于该年度的评价结果" }} />
      </Card>
      {excepting && (
        <FormModal<{ reason: string }> title={`登记例外：${excepting.subjectName}（${excepting.grade}）`} okText="登记" danger send={(v) => performanceApi.recordException({ regionCode: excepting.regionCode, fiscalYear: year, subjectKind: excepting.subjectKind, subjectRef: excepting.subjectRef, reason: v.reason })} success="已登记例外，审核时不再强制压减" onDone={() => { setExcepting(null); load(); }} onClose={() => setExcepting(null)}>
          <p>登记后，{year} 年度该对象的预算审核不再强制压减（记入审计日志，不可撤销）。</p>
          <Form.Item name="reason" label="例外理由（如党委会、人大决定）" rules={[{ required: true, message: "请填写例外理由" }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
    </>
  );
}
