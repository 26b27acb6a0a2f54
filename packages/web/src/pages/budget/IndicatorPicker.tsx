// Chooses an indicator for a payment or a transfer, showing its available amount live: the list is
// asked again on every search and when opened, so what is shown is what the database holds now.
import { Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { budgetApi, methodNames, yuan, type Indicator } from "./budgetApi.ts";

export interface IndicatorPickerProps {
  value?: string;
  onChange?: (id: string, indicator: Indicator | undefined) => void;
  fiscalYear?: number;
  placeholder?: string;
}

export function IndicatorPicker({ value, onChange, fiscalYear, placeholder = "搜索指标摘要、文号或单位" }: IndicatorPickerProps) {
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Indicator[]>([]);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    budgetApi
      .indicators({ q: q || undefined, status: "active", availableMin: "0.01", fiscalYear, pageSize: 50 }, controller.signal)
      .then((page) => setOptions(page.items))
      .catch(() => undefined)
      .finally(() => setLoading(false));
    return () => controller.abort();
  }, [q, fiscalYear, open]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      loading={loading}
      placeholder={placeholder}
      onOpenChange={setOpen}
      onChange={(id: string) => onChange?.(id, options.find((o) => o.id === id))}
      optionLabelProp="label"
      options={options.map((i) => ({
        value: i.id,
        label: `${i.summary}（${i.budgetUnitName}，可用 ${yuan(i.available)} 元）`,
        title: i.summary,
        children: null,
        indicator: i,
      }))}
      optionRender={(option) => {
        const i = (option.data as { indicator: Indicator }).indicator;
        return (
          <Space orientation="vertical" size={0} style={{ width: "100%" }}>
            <Space style={{ justifyContent: "space-between", width: "100%" }}>
              <Typography.Text strong>{i.summary}</Typography.Text>
              <Typography.Text type="success">可用 {yuan(i.available)} 元</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {i.fiscalYear}年 · {i.budgetUnitName} · {i.functionalCode}/{i.economicCode} · {methodNames[i.paymentMethod]} · {i.documentNo} · 指标 {yuan(i.issued)} · 在途 {yuan(i.reserved)}
            </Typography.Text>
          </Space>
        );
      }}
      style={{ width: "100%" }}
    />
  );
}
