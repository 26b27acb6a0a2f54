// A searchable select of regions in the user's scope (区县, 乡镇, 村), searching the
// server by name or code as the user types.
import { Select, type SelectProps } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { orgApi } from "../api.ts";
import type { Region, RegionLevel } from "../apiTypes.ts";
import { PAGE_SIZE_MAX } from "../lib/query.ts";

/** Wait this long after the last key press before asking the server. */
const SEARCH_DELAY_MS = 300;

export interface RegionSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  levels?: readonly RegionLevel[];
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  status?: SelectProps["status"];
  id?: string;
}

function optionOf(region: Region) {
  return {
    value: region.regionCode,
    label: region.name,
    title: `${region.name}（${region.regionCode}）`,
    region,
  };
}

export function RegionSelect({
  value,
  onChange,
  levels = ["district", "township"],
  placeholder = "选择区划",
  allowClear = true,
  disabled,
  style,
  status,
  id,
}: RegionSelectProps) {
  const [regions, setRegions] = useState<Region[]>([]);
  const [selected, setSelected] = useState<Region | null>(null);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState("");
  const levelKey = levels.join(",");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const wanted = levelKey.split(",") as RegionLevel[];
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => {
        setLoading(true);
        Promise.all(
          wanted.map((level) =>
            orgApi.listRegions({ level, q: query || undefined, pageSize: PAGE_SIZE_MAX }, controller.signal),
          ),
        )
          .then((pages) => {
            const all = pages.flatMap((page) => page.items);
            all.sort((a, b) => a.regionCode.localeCompare(b.regionCode));
            setRegions(all);
          })
          .catch(() => {
            // A select that cannot load shows an empty list; the page itself reports errors.
            if (!controller.signal.aborted) setRegions([]);
          })
          .finally(() => {
            if (!controller.signal.aborted) setLoading(false);
          });
      },
      query === "" ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      clearTimeout(timer.current);
      controller.abort();
    };
  }, [levelKey, query]);

  // A value set from outside (the address bar, a record being edited) may not be among
  // the loaded options: fetch it so the select shows its name, not a bare code.
  useEffect(() => {
    if (value === undefined || value === "" || regions.some((region) => region.regionCode === value)) return;
    if (selected?.regionCode === value) return;
    let cancelled = false;
    orgApi
      .getRegion(value)
      .then((region) => {
        if (!cancelled) setSelected(region);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [value, regions, selected]);

  const options = useMemo(() => {
    const list = regions.map(optionOf);
    if (selected !== null && selected.regionCode === value && !regions.some((region) => region.regionCode === value)) {
      list.unshift(optionOf(selected));
    }
    return list;
  }, [regions, selected, value]);

  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      value={value === "" ? undefined : value}
      onChange={(next: string | undefined) => {
        setQuery("");
        onChange?.(next);
      }}
      options={options}
      optionRender={(option) => (
        <span>
          {option.data.label}
          <span style={{ color: "#8c96a3", marginLeft: 8, fontSize: 12 }}>{option.data.value}</span>
        </span>
      )}
      loading={loading}
      allowClear={allowClear}
      placeholder={placeholder}
      disabled={disabled}
      style={style}
      status={status}
      notFoundContent={loading ? "正在加载…" : "无匹配的区划"}
      popupMatchSelectWidth={false}
    />
  );
}
