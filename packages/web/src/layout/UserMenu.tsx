// The right side of the top bar: region, roles and the user's own menu (修改密码,
// 双因素认证, 退出登录).
import { DownOutlined, EnvironmentOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { App, Dropdown, Tooltip, type MenuProps } from "antd";
import { useNavigate } from "react-router";
import { useAuth, useMe } from "../auth/AuthContext.tsx";
import { LOGIN_PATH, PASSWORD_PATH, TOTP_PATH } from "../auth/gate.ts";
import { roleName } from "../lib/labels.ts";

/** Roles beyond this many are summarised as "等 N 个角色" with the full list in a tooltip. */
const ROLES_SHOWN_MAX = 2;

export function UserMenu({ stepOnly = false }: { stepOnly?: boolean }) {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();

  const names = me.roles.map((code) => roleName(code));
  const shown = names.slice(0, ROLES_SHOWN_MAX).join("、");
  const rolesText = names.length > ROLES_SHOWN_MAX ? `${shown} 等 ${names.length} 个角色` : shown;

  const logout = () => {
    modal.confirm({
      title: "退出登录",
      content: "确定要退出乡财平台吗？未保存的内容将会丢失。",
      okText: "退出",
      cancelText: "取消",
      onOk: async () => {
        try {
          await signOut();
        } finally {
          void message.success("已安全退出");
          navigate(LOGIN_PATH, { replace: true });
        }
      },
    });
  };

  const items: MenuProps["items"] = [
    ...(stepOnly
      ? []
      : [
          { key: "password", icon: <KeyOutlined />, label: "修改密码", onClick: () => navigate(PASSWORD_PATH) },
          {
            key: "totp",
            icon: <SafetyOutlined />,
            label: me.totpEnabled ? "双因素认证（已启用）" : "双因素认证",
            onClick: () => navigate(TOTP_PATH),
          },
          { type: "divider" as const },
        ]),
    { key: "logout", icon: <LogoutOutlined />, label: "退出登录", danger: true, onClick: logout },
  ];

  return (
    <div className="xc-header-user">
      <span className="xc-header-region" title="所属区划">
        <EnvironmentOutlined /> {me.regionName}
      </span>
      {rolesText !== "" && (
        <Tooltip title={names.join("、")}>
          <span className="xc-header-roles">{rolesText}</span>
        </Tooltip>
      )}
      <Dropdown menu={{ items }} trigger={["click"]} placement="bottomRight">
        <button type="button" className="xc-header-account" aria-label="用户菜单">
          <UserOutlined /> <span>{me.displayName}</span> <DownOutlined style={{ fontSize: 10 }} />
        </button>
      </Dropdown>
    </div>
  );
}
