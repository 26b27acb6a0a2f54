// 预决算公开 at the service-hall touch screen: the approved budgets and accepted final accounts the
// townships published (GET /public/documents, no login), newest year first; a document opens table
// by table (large type, amounts in the one money format) with its explanation.
import { useState } from "react";
import type { PublicDocumentView } from "@xiangcai/shared";
import { formatYuanText } from "../../lib/money.ts";

const day = (iso: string) => new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" }).format(new Date(iso));

export function KioskDocumentList({ documents, onOpen }: { documents: readonly PublicDocumentView[]; onOpen: (doc: PublicDocumentView) => void }) {
  return (
    <div className="kiosk-card">
      <h2>预决算公开</h2>
      {documents.length === 0 && <div className="kiosk-message">暂无公开的预算和决算</div>}
      {documents.slice(0, 8).map((d) => (
        <button type="button" key={d.id} className="kiosk-article" onClick={() => onOpen(d)}>
          {d.title}
          <small className="kiosk-doc-date">{day(d.publishedAt)}公开</small>
        </button>
      ))}
    </div>
  );
}

export function KioskDocument({ doc, onBack }: { doc: PublicDocumentView; onBack: () => void }) {
  const [index, setIndex] = useState(0);
  const table = doc.tables[index];
  const pages = [...doc.tables.map((t) => t.title), ...(doc.note ? [doc.kind === "finalAccount" ? "决算说明" : "说明"] : [])];
  return (
    <div className="kiosk-card">
      <h2>{doc.title}</h2>
      <div className="kiosk-sub-dark">{doc.regionName} · 批准于{day(doc.approvedAt)} · {day(doc.publishedAt)}公开</div>
      <div className="kiosk-tabs">
        {pages.map((title, i) => (
          <button type="button" key={title} className={`kiosk-tab${i === index ? " active" : ""}`} onClick={() => setIndex(i)}>{title}</button>
        ))}
      </div>
      {table ? (
        <table className="kiosk-table kiosk-doc-table">
          <thead>
            <tr><th>项目</th>{table.columns.map((c) => <th key={c} style={{ textAlign: "right" }}>{c}（元）</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key} style={r.total || r.level === 0 ? { fontWeight: 700 } : undefined}>
                <td style={{ paddingLeft: 12 + Math.max(0, r.level - 1) * 24 }}>{r.label}</td>
                {r.values.map((v, i) => <td key={i} className="xc-money" style={{ textAlign: "right" }}>{v === null ? "" : formatYuanText(v)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="kiosk-article-body">{doc.note}</div>
      )}
      <div className="kiosk-buttons">
        <button type="button" className="kiosk-button" onClick={onBack}>返回首页</button>
      </div>
    </div>
  );
}
