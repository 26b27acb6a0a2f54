// The router: the login page outside, everything else behind the sign-in gate, which also
// holds users on a required step (password change, TOTP enrolment) until it is done.
import { Button, Result } from "antd";
import { Navigate, Route, Routes, useLocation } from "react-router";
import { useAuth, useMe } from "./auth/AuthContext.tsx";
import { LOGIN_PATH, PASSWORD_PATH, requiredStepPath, type LoginLocationState } from "./auth/gate.ts";
import { NotFoundPage, ForbiddenPage, PageSpin } from "./components/PageStates.tsx";
import { AppLayout } from "./layout/AppLayout.tsx";
import { StepLayout } from "./layout/StepLayout.tsx";
import { landingPath, mayOpen, userLevel } from "./navigation.ts";
import LoginPage from "./pages/LoginPage.tsx";
import KioskPage from "./pages/kiosk/KioskPage.tsx";
import type { AppRoute } from "./routeTypes.ts";
import { appRoutes } from "./routes.tsx";

function SignedInArea() {
  const { state, refresh } = useAuth();
  const location = useLocation();

  if (state.status === "loading") return <PageSpin tip="正在验证登录状态…" />;
  if (state.status === "unreachable") {
    return (
      <Result
        status="500"
        title="无法连接服务器"
        subTitle="乡财平台服务暂时无法访问，请检查网络连接或稍后重试。"
        extra={<Button type="primary" onClick={() => void refresh()}>重试</Button>}
      />
    );
  }
  if (state.status === "anonymous") {
    const loginState: LoginLocationState = { from: `${location.pathname}${location.search}`, expired: state.expired };
    return <Navigate to={LOGIN_PATH} replace state={loginState} />;
  }

  const step = requiredStepPath(state.me);
  if (step !== null) {
    if (location.pathname !== step) return <Navigate to={step} replace />;
    const notice =
      step === PASSWORD_PATH
        ? "为保障账户安全，请先修改初始密码，完成后才能使用其他功能。"
        : "根据安全规定，您的角色须启用双因素认证，完成绑定后才能使用其他功能。";
    return <StepLayout notice={notice} />;
  }
  return <AppLayout />;
}

function HomeRedirect() {
  const me = useMe();
  const target = landingPath(appRoutes, me.permissions, userLevel(me.regionCode));
  if (target === null) {
    return (
      <Result
        status="info"
        title="尚未分配功能权限"
        subTitle="您的账户还没有可用的功能。请联系区财政局系统管理员分配角色。"
      />
    );
  }
  return <Navigate to={target} replace />;
}

function Guarded({ route }: { route: AppRoute }) {
  const me = useMe();
  if (!mayOpen(route, me.permissions, userLevel(me.regionCode))) return <ForbiddenPage />;
  const Page = route.page;
  return <Page />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path={LOGIN_PATH} element={<LoginPage />} />
      <Route path="/kiosk" element={<KioskPage />} />
      <Route element={<SignedInArea />}>
        <Route index element={<HomeRedirect />} />
        {appRoutes.map((route) => (
          <Route key={route.path} path={route.path} element={<Guarded route={route} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
