// The button that downloads a file the server writes (an Excel export of a list, a printed table): it
// spins and cannot be clicked again while the file is being written — an export of tens of thousands
// of rows takes seconds, and a second click would only start a second export — and shows a failure
// (e.g. 符合条件的记录超过导出上限) as the server words it.
import { DownloadOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState, type ReactNode } from "react";
import { useApiError } from "../lib/useApiError.ts";

export function DownloadButton({ download, children = "导出 Excel", disabled = false, onDone }: { download: () => Promise<unknown>; children?: ReactNode; disabled?: boolean; onDone?: () => void }) {
  const report = useApiError();
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    void download()
      .then(() => onDone?.(), report)
      .finally(() => setBusy(false));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={start}>
      {children}
    </Button>
  );
}
