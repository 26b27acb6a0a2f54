// The buttons that download a file the server writes (an Excel export of a list, a printed table):
// they spin and cannot be clicked again while the file is being written — an export of tens of
// thousands of rows takes seconds, and a second click would only start a second export — and show a
// failure (e.g. 符合条件的记录超过导出上限) as the server words it. DownloadMenuButton offers several
// files (this month's or this year's 序时账) from one button.
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useState, type ReactNode } from "react";
import { useApiError } from "../lib/useApiError.ts";

function useDownload(onDone?: () => void) {
  const report = useApiError();
  const [busy, setBusy] = useState(false);
  const start = (download: () => Promise<unknown>) => {
    setBusy(true);
    void download()
      .then(() => onDone?.(), report)
      .finally(() => setBusy(false));
  };
  return { busy, start };
}

export function DownloadButton({ download, children = "导出 Excel", disabled = false, onDone }: { download: () => Promise<unknown>; children?: ReactNode; disabled?: boolean; onDone?: () => void }) {
  const { busy, start } = useDownload(onDone);
  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => start(download)}>
      {children}
    </Button>
  );
}

export function DownloadMenuButton({ items, children }: { items: { key: string; label: ReactNode; download: () => Promise<unknown> }[]; children: ReactNode }) {
  const { busy, start } = useDownload();
  return (
    <Dropdown disabled={busy} menu={{ items: items.map(({ key, label }) => ({ key, label })), onClick: ({ key }) => start(items.find((i) => i.key === key)!.download) }}>
      <Button icon={<DownloadOutlined />} loading={busy}>
        {children}
      </Button>
    </Dropdown>
  );
}
