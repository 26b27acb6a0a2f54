// 公示表: the public notice of one roster, laid out for printing and posting on the village
// notice board: names, masked ID numbers, quantities and amounts, the period and how to object.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useApiError } from "../../lib/useApiError.ts";
import { subsidyApi, type Notice } from "./subsidyApi.ts";
import "./notice.css";
import { formatYuanText } from "../../lib/money.ts";

export default function NoticePrintPage() {
  const { id = "" } = useParams();
  const report = useApiError();
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    subsidyApi.notice(id).then(setNotice, report);
  }, [id, report]);
  if (!notice) return null;
  const r = notice.roster;
  const total = r.total;
  return (
    <div className="xc-notice">
      <Space className="xc-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>打印公示表</Button>
        <Link to={`/subsidy/rosters/${r.id}`}><Button>返回清册</Button></Link>
      </Space>
      <div className="xc-notice-sheet">
        <h2 style={{ textAlign: "center", marginBottom: 4 }}>{notice.townshipName}{r.villageName ?? ""}{r.period}年度{r.itemName}发放名单公示</h2>
        <p style={{ textAlign: "center", marginTop: 0 }}>公示期：{r.noticeStartsOn ? `${r.noticeStartsOn} 至 ${r.noticeEndsOn}` : "（乡镇审核通过后开始）"}</p>
        <table className="xc-notice-table">
          <thead>
            <tr><th>序号</th><th>村（居）</th><th>姓名</th><th>身份证号</th><th>数量</th><th>金额（元）</th></tr>
          </thead>
          <tbody>
            {notice.lines.map((l, i) => (
              <tr key={l.lineNo}><td>{i + 1}</td><td>{l.villageName}</td><td>{l.name}</td><td className="xc-mono">{l.residentIdMasked}</td><td>{l.quantity}</td><td style={{ textAlign: "right" }}>{formatYuanText(l.amount)}</td></tr>
            ))}
            <tr><td colSpan={5} style={{ textAlign: "right" }}>合计 {notice.lines.length} 人</td><td style={{ textAlign: "right" }}>{formatYuanText(total)}</td></tr>
          </tbody>
        </table>
        <p style={{ marginTop: 16 }}>{notice.howToObject}</p>
        <p style={{ textAlign: "right", marginTop: 32 }}>{notice.townshipName}财政所{"\u3000\u3000"}{r.villageName ?? ""}{r.villageName ? "村（居）民委员会" : ""}</p>
      </div>
    </div>
  );
}
