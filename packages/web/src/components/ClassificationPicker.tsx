// A picker for a classification code (功能分类, 经济分类, 收入分类): type a code or a name, pick
// "2010301 行政运行" from the year's catalogue. Replaces free-text boxes where a wrong code was only
// found on saving. A required, empty picker is marked before saving.
import { Select } from "antd";
import { useEffect, useState, type CSSProperties } from "react";
import type { ClassificationView, Page } from "@xiangcai/shared";
import { request } from "../api.ts";
import { useCodeNames, type CodeKind } from "../lib/codeNames.ts";

/** Catalogue rows offered per search; typing narrows them. */
const OPTIONS_SHOWN = 30;

export interface ClassificationPickerProps {
  kind: CodeKind;
  fiscalYear: number;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  required?: boolean;
  placeholder?: string;
  size?: "small" | "middle";
  style?: CSSProperties;
}

export function ClassificationPicker({ kind, fiscalYear, value, onChange, required, placeholder, size, style }: ClassificationPickerProps) {
  const [search, setSearch] = useState("");
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const nameOf = useCodeNames(fiscalYear, kind, [value]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      request<Page<ClassificationView>>("/catalog/classifications", { query: { fiscalYear, kind, pageSize: OPTIONS_SHOWN, ...(search.trim() ? { q: search.trim() } : {}) }, signal: controller.signal })
        .then((page) => setOptions(page.items.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [fiscalYear, kind, search]);
  const shown = value && !options.some((o) => o.value === value) ? [{ value, label: nameOf(value) }, ...options] : options;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      size={size}
      style={style}
      value={value || undefined}
      options={shown}
      status={required && !value ? "error" : undefined}
      placeholder={placeholder}
      notFoundContent={search ? "没有匹配的科目" : "输入编码或名称查找"}
      onChange={(code?: string) => onChange?.(code)}
      popupMatchSelectWidth={false}
    />
  );
}
