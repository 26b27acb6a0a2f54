// The kiosk's progress query (办理进度): a resident types the digits of the 受理编号 on their acceptance
// slip (FW is printed already) with the number pad, and their name; the answer is the matter's kind,
// status and dates. What was asked and answered is told at the window, not on a public screen.
import { useState } from "react";
import { matterCategoryNames, matterStatusNames, type HallProgressItem } from "@xiangcai/shared";
import { ApiError, request } from "../../api.ts";
import { MATTER_NO_DIGITS, matterNoOfDigits } from "./matterNo.ts";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "⌫"];
const DIGITS = MATTER_NO_DIGITS;

type State = { kind: "form" } | { kind: "result"; items: HallProgressItem[] } | { kind: "error"; message: string };

export function KioskProgress({ onDone }: { onDone: () => void }) {
  const [digits, setDigits] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState<"no" | "name">("no");
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<State>({ kind: "form" });

  const press = (key: string) => {
    if (key === "⌫") setDigits((v) => v.slice(0, -1));
    else if (key && digits.length < DIGITS) setDigits((v) => v + key);
  };

  const query = async () => {
    if (digits.length !== DIGITS || name.trim() === "") {
      setState({ kind: "error", message: "请输入受理回执上的完整受理编号（12 位数字）和来办人姓名。" });
      return;
    }
    setBusy(true);
    try {
      const answer = await request<{ items: HallProgressItem[] }>("/public/hall-progress", { method: "POST", body: { matterNo: matterNoOfDigits(digits), name: name.trim() }, redirectOnUnauthenticated: false });
      setState({ kind: "result", items: answer.items });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setState({ kind: "error", message: status === 429 ? "查询过于频繁，请稍候一分钟再试。" : status >= 400 && status < 500 ? "受理编号或姓名格式不正确，请核对后重试。" : "暂时无法连接，请稍后再试或到窗口咨询。" });
    } finally {
      setBusy(false);
      setDigits("");
      setName("");
    }
  };

  if (state.kind === "result") {
    return (
      <div className="kiosk-card">
        <h2>办理进度</h2>
        {state.items.length === 0 ? (
          <div className="kiosk-message">没有查到该事项。请核对受理回执上的受理编号和来办人姓名，或到服务大厅窗口咨询。</div>
        ) : (
          state.items.map((i) => (
            <table key={i.matterNo} className="kiosk-table kiosk-facts">
              <tbody>
                <tr><th>受理编号</th><td>{i.matterNo}</td></tr>
                <tr><th>事项类别</th><td>{matterCategoryNames[i.category]}</td></tr>
                <tr><th>受理日期</th><td>{i.acceptedOn}</td></tr>
                <tr><th>承诺办结日期</th><td>{i.promisedOn}</td></tr>
                <tr>
                  <th>办理状态</th>
                  <td className={i.status === "answered" ? "kiosk-status-paid" : "kiosk-status-pending"}>
                    {i.status === "answered" ? `已办结（${i.answeredOn}），请到${i.officeName}窗口了解答复` : matterStatusNames[i.status]}
                  </td>
                </tr>
              </tbody>
            </table>
          ))
        )}
        <div className="kiosk-buttons">
          <button type="button" className="kiosk-button" onClick={onDone}>完成</button>
        </div>
      </div>
    );
  }
  if (state.kind === "error") {
    return (
      <div className="kiosk-card">
        <div className="kiosk-message">{state.message}</div>
        <div className="kiosk-buttons">
          <button type="button" className="kiosk-button" onClick={() => setState({ kind: "form" })}>重新输入</button>
          <button type="button" className="kiosk-button secondary" onClick={onDone}>返回首页</button>
        </div>
      </div>
    );
  }
  return (
    <div className="kiosk-form">
      <div className="kiosk-card">
        <div className="kiosk-field">
          <label>受理编号（受理回执上 FW 后的 12 位数字，用右侧数字键输入）</label>
          <input className={`kiosk-input${field === "no" ? " active" : ""}`} value={digits ? matterNoOfDigits(digits) : ""} readOnly inputMode="none" onFocus={() => setField("no")} placeholder="FW2026101-00001" aria-label="受理编号" />
        </div>
        <div className="kiosk-field">
          <label>来办人姓名</label>
          <input className={`kiosk-input${field === "name" ? " active" : ""}`} value={name} maxLength={30} onFocus={() => setField("name")} onChange={(e) => setName(e.target.value)} placeholder="请输入姓名" aria-label="来办人姓名" />
        </div>
        <div className="kiosk-buttons">
          <button type="button" className="kiosk-button" disabled={busy} onClick={() => void query()}>{busy ? "查询中…" : "查询"}</button>
          <button type="button" className="kiosk-button secondary" onClick={onDone}>返回</button>
        </div>
      </div>
      <div className="kiosk-pad">
        {KEYS.map((k, n) => (k === "" ? <span key={n} /> : <button type="button" key={k} className="kiosk-key" onClick={() => press(k)}>{k}</button>))}
        <button type="button" className="kiosk-key wide" onClick={() => setDigits("")}>清除</button>
      </div>
    </div>
  );
}
