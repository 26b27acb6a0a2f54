// The frame shown while the user must first change the password or enrol TOTP: no menu,
// nothing else to reach, only the step and a way to sign out.
import { Alert, Layout } from "antd";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { Brand } from "../components/Brand.tsx";
import { PageSpin } from "../components/PageStates.tsx";
import { UserMenu } from "./UserMenu.tsx";

export function StepLayout({ notice }: { notice: string }) {
  return (
    <Layout className="xc-shell">
      <Layout.Header className="xc-header">
        <span className="xc-header-brand">
          <Brand inverted />
        </span>
        <UserMenu stepOnly />
      </Layout.Header>
      <Layout.Content className="xc-content xc-step-content">
        <Alert type="warning" showIcon title={notice} className="xc-step-notice" />
        <Suspense fallback={<PageSpin />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
