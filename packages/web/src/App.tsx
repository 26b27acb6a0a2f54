// The application root: Chinese locale for antd and dayjs, the theme, antd's App context
// (message, notification, modal), the router and the auth context.
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { BrowserRouter } from "react-router";
import { AppRoutes } from "./AppRoutes.tsx";
import { AuthProvider } from "./auth/AuthContext.tsx";
import { theme } from "./theme.ts";

dayjs.locale("zh-cn");

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp message={{ maxCount: 3 }} notification={{ placement: "topRight" }}>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
