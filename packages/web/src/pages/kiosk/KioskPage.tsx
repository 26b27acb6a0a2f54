// The service-hall touch screen (/kiosk), public and full-screen: subsidy policy articles kept by
// the office, and a resident's query of their own subsidies by ID number (on-screen number pad)
// and name, the progress of a matter they brought to the hall (by the number on its acceptance slip
// and their name), and the budgets and final accounts the townships published (预决算公开). Nothing is kept between residents: after 60 s without a touch it returns to the start.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, request } from "../../api.ts";
import "./kiosk.css";
import { formatYuanText } from "../../lib/money.ts";
import type { PublicDocumentView } from "@xiangcai/shared";
import { KioskDocument, KioskDocumentList } from "./KioskDocuments.tsx";
import { KioskProgress } from "./KioskProgress.tsx";

/** Seconds without a touch before the screen clears itself for the next resident. */
export const KIOSK_IDLE_SECONDS = 60;

interface Article {
  id: string;
  title: string;
  body: string;
}
interface QueryItem {
  item: string;
  period: string;
  amount: string;
  status: "paid" | "pending" | "failed";
  paidAt: string | null;
  cardMasked: string;
}
type Screen = { kind: "home" } | { kind: "article"; article: Article } | { kind: "query" } | { kind: "result"; items: QueryItem[] } | { kind: "error"; message: string } | { kind: "document"; document: PublicDocumentView } | { kind: "progress" };

const STATUS = { paid: "已发放", pending: "待发放", failed: "发放失败，请到财政所咨询" } as const;
const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "X", "0", "⌫"];

export default function KioskPage() {
  const [screen, setScreen] = useState<Screen>({ kind: "home" });
  const [articles, setArticles] = useState<Article[]>([]);
  const [documents, setDocuments] = useState<PublicDocumentView[]>([]);
  const [idNumber, setIdNumber] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState<"id" | "name">("id");
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => new Date());
  const lastTouch = useRef(Date.now());

  const reset = useCallback(() => {
    setScreen({ kind: "home" });
    setIdNumber("");
    setName("");
    setField("id");
  }, []);

  useEffect(() => {
    request<Article[]>("/public/subsidy-articles", { redirectOnUnauthenticated: false }).then(setArticles, () => setArticles([]));
    request<{ items: PublicDocumentView[] }>("/public/documents", { redirectOnUnauthenticated: false }).then((d) => setDocuments(d.items), () => setDocuments([]));
  }, []);

  // Any touch restarts the idle clock; the clock returns to the start after 60 s.
  useEffect(() => {
    const touched = () => {
      lastTouch.current = Date.now();
    };
    window.addEventListener("pointerdown", touched);
    window.addEventListener("keydown", touched);
    const timer = setInterval(() => {
      setNow(new Date());
      if (Date.now() - lastTouch.current > KIOSK_IDLE_SECONDS * 1000) {
        lastTouch.current = Date.now();
        reset();
      }
    }, 1000);
    return () => {
      window.removeEventListener("pointerdown", touched);
      window.removeEventListener("keydown", touched);
      clearInterval(timer);
    };
  }, [reset]);

  const press = (key: string) => {
    if (key === "⌫") setIdNumber((v) => v.slice(0, -1));
    else if (idNumber.length < 18 && (key !== "X" || idNumber.length === 17)) setIdNumber((v) => v + key);
  };

  const query = async () => {
    if (idNumber.length !== 18 || name.trim() === "") {
      setScreen({ kind: "error", message: "请输入18位身份证号和姓名。" });
      return;
    }
    setBusy(true);
    try {
      const answer = await request<{ items: QueryItem[] }>("/public/subsidy-query", { method: "POST", body: { idNumber, name: name.trim() }, redirectOnUnauthenticated: false });
      setScreen({ kind: "result", items: answer.items });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const message = status === 429 ? "查询过于频繁，请稍候一分钟再试。" : status >= 400 && status < 500 ? "身份证号或姓名格式不正确，请核对后重试。" : "暂时无法连接，请稍后再试或到窗口咨询。";
      setScreen({ kind: "error", message });
    } finally {
      setBusy(false);
      setIdNumber("");
      setName("");
    }
  };

  const idle = Math.max(0, KIOSK_IDLE_SECONDS - Math.floor((now.getTime() - lastTouch.current) / 1000));
  return (
    <div className="kiosk">
      <div className="kiosk-head">
        <div>
          <div className="kiosk-title">惠民惠农补贴查询</div>
          <div className="kiosk-sub">“一卡通”补贴政策与发放情况 · 办理进度 · 预决算公开</div>
        </div>
        <div className="kiosk-sub">{now.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}</div>
      </div>
      <div className="kiosk-body">
        {screen.kind === "home" && (
          <div className="kiosk-home">
            <div className="kiosk-main">
              <button type="button" className="kiosk-big" onClick={() => setScreen({ kind: "query" })}>
                查询我的补贴
                <small>输入身份证号和姓名</small>
              </button>
              <button type="button" className="kiosk-big kiosk-big-second" onClick={() => setScreen({ kind: "progress" })}>
                查询办理进度
                <small>输入受理回执上的受理编号和姓名</small>
              </button>
            </div>
            <div className="kiosk-side">
            <div className="kiosk-card">
              <h2>惠民政策</h2>
              {articles.length === 0 && <div className="kiosk-message">暂无政策文章</div>}
              {articles.map((a) => (
                <button type="button" key={a.id} className="kiosk-article" onClick={() => setScreen({ kind: "article", article: a })}>
                  {a.title}
                </button>
              ))}
            </div>
            <KioskDocumentList documents={documents} onOpen={(d) => setScreen({ kind: "document", document: d })} />
            </div>
          </div>
        )}
        {screen.kind === "document" && <KioskDocument doc={screen.document} onBack={reset} />}
        {screen.kind === "progress" && <KioskProgress onDone={reset} />}
        {screen.kind === "article" && (
          <div className="kiosk-card">
            <h2>{screen.article.title}</h2>
            <div className="kiosk-article-body">{screen.article.body}</div>
            <div className="kiosk-buttons">
              <button type="button" className="kiosk-button" onClick={reset}>返回首页</button>
            </div>
          </div>
        )}
        {screen.kind === "query" && (
          <div className="kiosk-form">
            <div className="kiosk-card">
              <div className="kiosk-field">
                <label>身份证号（用右侧数字键输入）</label>
                <input className={`kiosk-input${field === "id" ? " active" : ""}`} value={idNumber} readOnly inputMode="none" onFocus={() => setField("id")} placeholder="18位身份证号" />
              </div>
              <div className="kiosk-field">
                <label>姓名</label>
                <input className={`kiosk-input${field === "name" ? " active" : ""}`} value={name} maxLength={20} onFocus={() => setField("name")} onChange={(e) => setName(e.target.value)} placeholder="请输入姓名" />
              </div>
              <div className="kiosk-buttons">
                <button type="button" className="kiosk-button" disabled={busy} onClick={() => void query()}>{busy ? "查询中…" : "查询"}</button>
                <button type="button" className="kiosk-button secondary" onClick={reset}>返回</button>
              </div>
            </div>
            <div className="kiosk-pad">
              {KEYS.map((k) => (
                <button type="button" key={k} className="kiosk-key" onClick={() => press(k)}>{k}</button>
              ))}
              <button type="button" className="kiosk-key wide" onClick={() => setIdNumber("")}>清除</button>
            </div>
          </div>
        )}
        {screen.kind === "result" && (
          <div className="kiosk-card">
            <h2>查询结果</h2>
            {screen.items.length === 0 ? (
              <div className="kiosk-message">没有查到补贴发放记录。如有疑问，请核对身份证号和姓名，或到财政所窗口咨询。</div>
            ) : (
              <table className="kiosk-table">
                <thead><tr><th>补贴项目</th><th>期间</th><th>金额（元）</th><th>状态</th><th>发放日期</th><th>到账卡号</th></tr></thead>
                <tbody>
                  {screen.items.map((i, n) => (
                    <tr key={n}>
                      <td>{i.item}</td><td>{i.period}</td><td className="xc-money" style={{ textAlign: "right" }}>{formatYuanText(i.amount)}</td>
                      <td className={`kiosk-status-${i.status}`}>{STATUS[i.status]}</td>
                      <td>{i.paidAt ?? "—"}</td><td>{i.cardMasked}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div className="kiosk-buttons">
              <button type="button" className="kiosk-button" onClick={reset}>完成</button>
            </div>
          </div>
        )}
        {screen.kind === "error" && (
          <div className="kiosk-card">
            <div className="kiosk-message">{screen.message}</div>
            <div className="kiosk-buttons">
              <button type="button" className="kiosk-button" onClick={() => setScreen({ kind: "query" })}>重新输入</button>
              <button type="button" className="kiosk-button secondary" onClick={reset}>返回首页</button>
            </div>
          </div>
        )}
      </div>
      <div className="kiosk-foot">
        <span>为保护个人信息，查询结果只显示卡号后四位；{KIOSK_IDLE_SECONDS} 秒无操作自动返回首页。</span>
        <span>{screen.kind === "home" ? "" : `${idle} 秒后返回首页`}</span>
      </div>
    </div>
  );
}
