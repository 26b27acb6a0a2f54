// 受理回执: the acceptance slip of one matter, printed at the window and handed to the resident — the
// 受理编号 to ask about progress with, what was accepted (ID number and phone masked), who answers for
// it and the promised deadline, with lines for both signatures.
import { ArrowLeftOutlined, PrinterOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { matterCategoryNames, matterChannelNames, type AcceptanceSlipView } from "@xiangcai/shared";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { ApiError } from "../../lib/problem.ts";
import { useApiError } from "../../lib/useApiError.ts";
import { hallApi } from "./hallApi.ts";
import "./slip.css";

/** A line to sign or write on by hand. */
const line = (width: number) => <span className="xc-slip-line" style={{ width }} />;

export default function SlipPage() {
  const { id = "" } = useParams();
  const report = useApiError();
  const [slip, setSlip] = useState<AcceptanceSlipView | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    hallApi.slip(id, controller.signal).then(setSlip, (error: unknown) => {
      if (controller.signal.aborted) return;
      if (error instanceof ApiError) setFailed(error.detail);
      report(error);
    });
    return () => controller.abort();
  }, [id, report]);
  if (failed) return <Alert type="error" showIcon title="无法打开受理回执" description={failed} />;
  if (!slip) return <Card loading />;
  const m = slip.matter;
  return (
    <div>
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>
        <Link to={`/hall/matters/${m.id}`}><Button icon={<ArrowLeftOutlined />}>返回事项</Button></Link>
      </Space>
      <div className="xc-slip-sheet">
        <h2>服务事项受理回执</h2>
        <p className="xc-slip-office">{slip.officeName}</p>
        <div className="xc-slip-head">
          <span>受理编号：<b className="xc-mono">{m.matterNo}</b></span>
          <span>受理时间：{formatDateTime(m.acceptedAt)}</span>
        </div>
        <table className="xc-slip-table">
          <tbody>
            <tr><td className="label">来办人</td><td>{m.applicantName}</td><td className="label">村（社区）</td><td>{m.villageName ?? ""}</td></tr>
            <tr><td className="label">身份证号</td><td className="xc-mono">{m.applicantIdMasked ?? ""}</td><td className="label">联系电话</td><td className="xc-mono">{m.applicantPhoneMasked ?? ""}</td></tr>
            <tr><td className="label">事项类别</td><td>{matterCategoryNames[m.category]}</td><td className="label">受理渠道</td><td>{matterChannelNames[m.channel]}</td></tr>
            <tr><td className="label">事项内容</td><td colSpan={3}><div className="xc-slip-content">{m.content}</div></td></tr>
            <tr><td className="label">首问负责人</td><td>{m.ownerName}</td><td className="label">受理人</td><td>{m.acceptedByName}</td></tr>
            <tr>
              <td className="label">承诺办结时限</td>
              <td colSpan={3}><b>{slip.timeLimitWorkingDays} 个工作日</b>，即 <b>{formatDate(m.promisedBy)}</b> 前办结答复</td>
            </tr>
          </tbody>
        </table>
        <div className="xc-slip-signs">
          <span>来办人签字：{line(120)}</span>
          <span>受理人签字：{line(120)}</span>
          <span>日期：{line(48)}年{line(28)}月{line(28)}日</span>
        </div>
        <div className="xc-slip-note">
          凭本回执可在服务大厅查询办理进度，查询时请提供受理编号 {m.matterNo}。办结后我们将回访您对办理结果是否满意。
        </div>
      </div>
    </div>
  );
}
