// 人大审查：绩效目标 — the year's accepted target trees as the customary 绩效目标表 (printable, Excel)
// beside the approved budget, read by the congress reviewer, who records questions and opinions;
// the finance office answers each.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Form, Input, InputNumber, List, Radio, Select, Space, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { formatDateTime } from "../../lib/format.ts";
import { currentFiscalYear } from "../budget/budgetApi.ts";
import { download, performanceApi, type CongressNote, type CongressPackage } from "./performanceApi.ts";
import { TargetTable } from "./TargetPrintPage.tsx";
import "../subsidy/notice.css";
import { DownloadButton } from "../../components/DownloadButton.tsx";

export default function CongressPage() {
  const me = useMe();
  const { can } = useAuth();
  const report = useApiError();
  const district = me.regionCode.endsWith("000");
  const [year, setYear] = useState(currentFiscalYear());
  const [regionCode, setRegionCode] = useState<string | undefined>(district ? undefined : me.regionCode);
  const [pack, setPack] = useState<CongressPackage | null>(null);
  const [asking, setAsking] = useState(false);
  const [answering, setAnswering] = useState<CongressNote | null>(null);
  const load = useCallback(() => {
    if (!regionCode) return setPack(null);
    performanceApi.congress(year, regionCode).then(setPack, report);
  }, [year, regionCode, report]);
  useEffect(load, [load]);
  return (
    <div className="xc-notice">
      <PageHeader
        title="人大审查：绩效目标表"
        description="绩效目标随预算报送乡镇人民代表大会：人大审查员查阅各项目、部门整体和重大政策的绩效目标表，提出询问和意见，由财政所逐条答复。"
        extra={
          <Space className="xc-no-print" wrap>
            {district && <RegionSelect levels={["township"]} placeholder="选择乡镇" value={regionCode} onChange={(v) => setRegionCode(v)} style={{ width: 160 }} />}
            年度 <InputNumber min={2000} max={2100} value={year} onChange={(y) => setYear(y ?? currentFiscalYear())} />
            <Button icon={<PrinterOutlined />} disabled={!pack?.sheets.length} onClick={() => window.print()}>打印</Button>
            <DownloadButton disabled={!pack?.sheets.length} download={() => download("/performance/congress/export", { fiscalYear: year, regionCode })}>导出 Excel</DownloadButton>
            {can("performance.congress") && <Button type="primary" onClick={() => setAsking(true)}>提出询问或意见</Button>}
          </Space>
        }
      />
      {pack && (
        <>
          <Card className="xc-no-print" size="small" title={`询问与意见（${pack.notes.length}）`} style={{ marginBottom: 12 }}>
            <List
              dataSource={pack.notes}
              locale={{ emptyText: "尚无询问或意见" }}
              renderItem={(n) => (
                <List.Item actions={n.answer === null && can("performance.review") ? [<Button key="a" type="link" onClick={() => setAnswering(n)}>答复</Button>] : []}>
                  <List.Item.Meta
                    title={<Space><Tag color={n.kind === "question" ? "blue" : "purple"}>{n.kind === "question" ? "询问" : "意见"}</Tag>{n.subjectName ?? "整体"}<span style={{ fontWeight: "normal", color: "#888" }}>{n.askedByName} {formatDateTime(n.askedAt)}</span></Space>}
                    description={<><div>{n.body}</div>{n.answer ? <div style={{ marginTop: 6, color: "#237804" }}>财政所答复（{n.answeredByName}）：{n.answer}</div> : <Tag color="orange" style={{ marginTop: 6 }}>待答复</Tag>}</>}
                  />
                </List.Item>
              )}
            />
          </Card>
          <h2 style={{ textAlign: "center" }}>{pack.regionName}{pack.fiscalYear}年度预算绩效目标（{pack.roundStatus === "approved" ? "已经人大批准" : pack.roundStatus === "preparing" ? "预算草案" : "尚无预算"}）</h2>
          {pack.sheets.length === 0 ? <Empty description="该年度尚无审核通过的绩效目标表" /> : pack.sheets.map((s) => <TargetTable key={s.id} sheet={s} budget={s.budget} />)}
        </>
      )}
      {asking && pack && (
        <FormModal<{ kind: "question" | "opinion"; sheetId?: string; body: string }> title="提出询问或意见" okText="提交" initialValues={{ kind: "question" }} send={(v) => performanceApi.addNote({ ...v, sheetId: v.sheetId ?? null, regionCode: pack.regionCode, fiscalYear: pack.fiscalYear })} success="已提交，等待财政所答复" onDone={() => { setAsking(false); load(); }} onClose={() => setAsking(false)}>
          <Form.Item name="kind" label="类型"><Radio.Group options={[{ value: "question", label: "询问" }, { value: "opinion", label: "意见" }]} /></Form.Item>
          <Form.Item name="sheetId" label="针对的绩效目标表（可不选）"><Select allowClear options={pack.sheets.map((s) => ({ value: s.id, label: s.subjectName }))} /></Form.Item>
          <Form.Item name="body" label="内容" rules={[{ required: true, message: "请填写内容" }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
      {answering && (
        <FormModal<{ answer: string }> title="答复人大询问或意见" okText="答复" send={(v) => performanceApi.answerNote(answering.id, v.answer)} success="已答复" onDone={() => { setAnswering(null); load(); }} onClose={() => setAnswering(null)}>
          <p>{answering.body}</p>
          <Form.Item name="answer" label="答复" rules={[{ required: true, message: "请填写答复" }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        </FormModal>
      )}
    </div>
  );
}
