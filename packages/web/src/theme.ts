// The look of a government finance system: deep blue primary, a restrained red accent,
// small radii, and Chinese system fonts first.
import type { ThemeConfig } from "antd";

export const colors = {
  primary: "#1d4f91",
  headerBackground: "#163a6b",
  headerAccent: "#b71c1c",
  siderBackground: "#ffffff",
  pageBackground: "#f0f2f5",
  danger: "#c62828",
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: colors.primary,
    colorLink: colors.primary,
    colorError: colors.danger,
    colorBgLayout: colors.pageBackground,
    borderRadius: 4,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", sans-serif',
  },
  components: {
    Layout: {
      headerBg: colors.headerBackground,
      headerHeight: 56,
      headerPadding: "0 20px",
      siderBg: colors.siderBackground,
    },
    Menu: {
      itemBorderRadius: 2,
      itemSelectedBg: "#e8eef7",
      itemSelectedColor: colors.primary,
    },
    Table: {
      headerBg: "#f3f5f9",
      headerColor: "#1f2d3d",
    },
  },
};
