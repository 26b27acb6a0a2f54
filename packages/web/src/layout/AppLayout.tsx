// The frame of the signed-in area: top bar (product, region, roles, user menu), the side
// menu built from the route list and the user's permissions, breadcrumbs, and the page.
import {
  AccountBookOutlined,
  BookOutlined,
  BankOutlined,
  ClusterOutlined,
  ContainerOutlined,
  CustomerServiceOutlined,
  DollarOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FundOutlined,
  GiftOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Badge, Breadcrumb, Layout, Menu, type MenuProps } from "antd";
import { Suspense, useEffect, useMemo, useState, type ReactNode } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useMe } from "../auth/AuthContext.tsx";
import { Brand } from "../components/Brand.tsx";
import { PageSpin } from "../components/PageStates.tsx";
import { breadcrumbFor, buildMenu, landingPath, selectedMenuPath, userLevel, type MenuGroupKey } from "../navigation.ts";
import { appRoutes } from "../routes.tsx";
import { UserMenu } from "./UserMenu.tsx";
import { todoApi } from "../todo/todoApi.ts";

const GROUP_ICONS: Record<MenuGroupKey, ReactNode> = {
  home: <HomeOutlined />,
  budget: <FundOutlined />,
  treasury: <BankOutlined />,
  ledger: <AccountBookOutlined />,
  finalAccounts: <FileDoneOutlined />,
  subsidy: <GiftOutlined />,
  debt: <DollarOutlined />,
  registers: <BookOutlined />,
  performance: <FileProtectOutlined />,
  supervision: <SafetyCertificateOutlined />,
  hall: <CustomerServiceOutlined />,
  archive: <ContainerOutlined />,
  org: <ClusterOutlined />,
  system: <SettingOutlined />,
  account: <UserOutlined />,
};

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const level = userLevel(me.regionCode);
  const menu = useMemo(() => buildMenu(appRoutes, me.permissions, level), [me.permissions, level]);
  const home = landingPath(appRoutes, me.permissions, level) ?? "/";
  const selected = selectedMenuPath(appRoutes, location.pathname);

  // The to-do's count beside its menu item, read again on each page change (an approval done elsewhere lowers it).
  const [todoTotal, setTodoTotal] = useState<number | null>(null);
  const canSeeTodo = me.permissions.includes("flow.read");
  useEffect(() => {
    if (!canSeeTodo) return;
    const controller = new AbortController();
    todoApi
      .counts(controller.signal)
      .then((c) => setTodoTotal(c.total))
      .catch(() => undefined);
    return () => controller.abort();
  }, [canSeeTodo, location.pathname]);

  const items: MenuProps["items"] = menu.flatMap((group) => {
    if (group.flat) {
      return group.items.map((item) => ({
        key: item.path,
        icon: appRoutes.find((route) => route.path === item.path)?.icon ?? GROUP_ICONS[group.key],
        label:
          item.path === "/todo" && todoTotal ? (
            <span className="xc-menu-todo">
              {item.title} <Badge count={todoTotal} overflowCount={99} size="small" data-todo-count={todoTotal} />
            </span>
          ) : (
            item.title
          ),
      }));
    }
    return [
      {
        key: `group:${group.key}`,
        icon: GROUP_ICONS[group.key],
        label: group.title,
        children: group.items.map((item) => ({ key: item.path, label: item.title })),
      },
    ];
  });

  // All groups start open: a clerk's menu is short, and hidden items are harder to find.
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    menu.filter((group) => !group.flat).map((group) => `group:${group.key}`),
  );

  const crumbs = breadcrumbFor(appRoutes, location.pathname, home).map((crumb, index, all) => ({
    title:
      crumb.path !== undefined && index < all.length - 1 ? (
        <Link to={crumb.path}>{crumb.title}</Link>
      ) : (
        crumb.title
      ),
  }));

  return (
    <Layout className="xc-shell">
      <Layout.Header className="xc-header">
        <Link to="/" className="xc-header-brand">
          <Brand inverted />
        </Link>
        <UserMenu />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          className="xc-sider"
          width={216}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          breakpoint="lg"
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected === undefined ? [] : [selected]}
            // A collapsed menu opens groups as pop-ups on hover; only the expanded one is controlled.
            {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
            onClick={({ key }) => {
              if (!key.startsWith("group:")) navigate(key);
            }}
          />
        </Layout.Sider>
        <Layout.Content className="xc-content">
          <Breadcrumb className="xc-breadcrumb" items={crumbs} />
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
          <div className="xc-footer">乡财 · 乡镇财政管理平台 · 开源软件（Apache-2.0）</div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
