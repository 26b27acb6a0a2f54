// 用户管理: the accounts in the user's scope, searchable and filtered by region and role.
// With user.manage: create accounts, change roles and status, reset passwords, unlock.
import { KeyOutlined, PlusOutlined, SearchOutlined, UnlockOutlined } from "@ant-design/icons";
import { usernameSchema } from "@xiangcai/shared";
import { App, Button, Card, Checkbox, Form, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from "antd";
import { useState } from "react";
import { userApi } from "../../api.ts";
import type { UserAccount, UserStatus } from "../../apiTypes.ts";
import { useAuth } from "../../auth/AuthContext.tsx";
import { FormModal } from "../../components/FormModal.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { RegionSelect } from "../../components/RegionSelect.tsx";
import { RoleTags } from "../../components/RoleTags.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { USER_STATUS, optionsOf } from "../../lib/labels.ts";
import { PASSWORD_HINT } from "../../lib/password.ts";
import { NewPasswordFields } from "../../components/NewPasswordFields.tsx";
import { useApiError } from "../../lib/useApiError.ts";
import { tablePagination, useListQuery, useRemoteList } from "../../lib/useList.ts";
import { useRoles } from "../../lib/useRoles.ts";
import { residentIdChange, residentIdProblem } from "../../lib/residentId.ts";
import { DownloadButton } from "../../components/DownloadButton.tsx";

const FILTER_KEYS = ["q", "regionCode", "role"] as const;
/** The most roles one account may hold (shared createUserBody). */
const ROLES_PER_USER_MAX = 12;

type Dialog = { kind: "create" } | { kind: "edit"; user: UserAccount } | { kind: "reset"; user: UserAccount };

export default function UsersPage() {
  const { can, me } = useAuth();
  const canManage = can("user.manage");
  const query = useListQuery(FILTER_KEYS);
  const { roles, names } = useRoles();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { message } = App.useApp();
  const report = useApiError();

  const list = useRemoteList(
    (signal) =>
      userApi.list(
        { q: query.filters.q, regionCode: query.filters.regionCode, role: query.filters.role, page: query.page, pageSize: query.pageSize },
        signal,
      ),
    query.key,
  );

  const unlock = async (user: UserAccount) => {
    try {
      await userApi.unlock(user.id);
      void message.success(`已解锁用户“${user.displayName}”`);
      list.reload();
    } catch (error) {
      report(error);
    }
  };

  const roleOptions = roles.map((role) => ({ value: role.code, label: role.name }));

  const columns: TableColumnsType<UserAccount> = [
    { title: "用户名", dataIndex: "username", width: 140, render: (name: string) => <span className="xc-mono">{name}</span> },
    { title: "姓名", dataIndex: "displayName", width: 110 },
    { title: "所属区划", dataIndex: "regionName", width: 140, ellipsis: true },
    { title: "角色", dataIndex: "roles", render: (codes: string[]) => <RoleTags roles={codes} names={names} /> },
    {
      title: "状态",
      dataIndex: "status",
      width: 130,
      render: (status: UserStatus, user) => (
        <Space size={4} wrap>
          <Tag color={USER_STATUS[status]?.color}>{USER_STATUS[status]?.label ?? status}</Tag>
          {user.locked && <Tag color="red">已锁定</Tag>}
        </Space>
      ),
    },
    {
      title: "双因素",
      dataIndex: "totpEnabled",
      width: 80,
      render: (enabled: boolean) => (enabled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>),
    },
    { title: "最近登录", dataIndex: "lastLoginAt", width: 150, render: (at: string | null) => (at ? formatDateTime(at) : "从未登录") },
  ];
  if (canManage) {
    columns.push({
      title: "操作",
      key: "actions",
      width: 220,
      fixed: "right",
      render: (_: unknown, user) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: "edit", user })}>
            编辑
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setDialog({ kind: "reset", user })}>
            重置密码
          </Button>
          {user.locked && (
            <Popconfirm title={`解锁“${user.displayName}”？`} description="解锁后该用户可立即重新登录。" okText="解锁" cancelText="取消" onConfirm={() => unlock(user)}>
              <Button type="link" size="small" icon={<UnlockOutlined />}>
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="用户管理"
        description="本辖区的用户账户与角色。角色决定可使用的功能，所属区划决定可查看的数据范围。"
        extra={
          <Space>
            <DownloadButton download={() => userApi.exportList(query.filters)}>
              导出 Excel
            </DownloadButton>
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
                新建用户
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Form
          layout="inline"
          className="xc-filters"
          key={JSON.stringify(query.filters)}
          initialValues={query.filters}
          onFinish={(values: Partial<Record<(typeof FILTER_KEYS)[number], string>>) => query.setFilters(values)}
        >
          <Form.Item name="q">
            <Input allowClear placeholder="用户名或姓名" prefix={<SearchOutlined />} style={{ width: 220 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect placeholder="全部区划" levels={["district", "township", "village"]} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select allowClear placeholder="全部角色" style={{ width: 190 }} options={roleOptions} showSearch={{ optionFilterProp: "label" }} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button onClick={() => query.setFilters({})}>重置</Button>
            </Space>
          </Form.Item>
        </Form>
        <Table<UserAccount>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.page?.items ?? []}
          loading={list.loading}
          pagination={tablePagination(query, list.page)}
          locale={{ emptyText: "暂无用户" }}
          scroll={{ x: 1150 }}
        />
      </Card>

      {dialog?.kind === "create" && (
        <UserFormModal
          roleOptions={roleOptions}
          defaultRegion={me?.regionCode}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === "edit" && (
        <UserFormModal
          user={dialog.user}
          roleOptions={roleOptions}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === "reset" && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}

interface UserFormValues {
  username: string;
  displayName: string;
  regionCode: string;
  roles: string[];
  password: string;
  confirm: string;
  status: UserStatus;
  /** A resident ID to record (empty: leave the recorded one as it is). */
  residentId?: string;
  clearResidentId?: boolean;
}

function UserFormModal({
  user,
  roleOptions,
  defaultRegion,
  onClose,
  onSaved,
}: {
  user?: UserAccount;
  roleOptions: { value: string; label: string }[];
  defaultRegion?: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const editing = user !== undefined;

  const save = (values: UserFormValues) =>
    editing
      ? userApi.update(user.id, { displayName: values.displayName.trim(), roles: values.roles, status: values.status, ...residentIdChange(values) })
      : userApi.create({
          username: values.username.trim().toLowerCase(),
          displayName: values.displayName.trim(),
          regionCode: values.regionCode,
          roles: values.roles,
          password: values.password,
        });

  return (
    <FormModal<UserFormValues, UserAccount>
      title={editing ? `编辑用户：${user.displayName}` : "新建用户"}
      width={560}
      initialValues={
        editing
          ? { username: user.username, displayName: user.displayName, regionCode: user.regionCode, roles: user.roles, status: user.status }
          : { regionCode: defaultRegion, roles: [] }
      }
      send={save}
      success={(saved) => (editing ? `已保存用户“${saved.displayName}”` : `已创建用户“${saved.displayName}”，首次登录须修改密码`)}
      onDone={onSaved}
      onClose={onClose}
    >
      <Form.Item
        name="username"
        label="用户名"
        extra={editing ? "用户名创建后不能修改" : "3-40 位小写字母、数字、点、下划线或连字符，用于登录"}
        rules={
          editing
            ? []
            : [
                { required: true, whitespace: true, message: "请输入用户名" },
                {
                  validator: async (_, value: string | undefined) => {
                    if (value === undefined || value.trim() === "") return;
                    const result = usernameSchema.safeParse(value);
                    if (!result.success) throw new Error(result.error.issues[0]?.message ?? "用户名格式不正确");
                  },
                },
              ]
        }
      >
        <Input disabled={editing} maxLength={40} autoComplete="off" className="xc-mono" />
      </Form.Item>
      <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: "请输入姓名" }, { max: 50, message: "姓名不能超过 50 个字" }]}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label="所属区划"
        extra={editing ? "所属区划决定数据范围，创建后不能修改" : "决定该用户可查看和办理的数据范围"}
        rules={[{ required: true, message: "请选择所属区划" }]}
      >
        <RegionSelect levels={["district", "township", "village"]} disabled={editing} allowClear={false} />
      </Form.Item>
      <Form.Item
        name="roles"
        label="角色"
        rules={[
          { required: true, type: "array", min: 1, message: "至少选择一个角色" },
          { type: "array", max: ROLES_PER_USER_MAX, message: `最多 ${ROLES_PER_USER_MAX} 个角色` },
        ]}
      >
        <Select mode="multiple" options={roleOptions} placeholder="选择一个或多个角色" showSearch={{ optionFilterProp: "label" }} />
      </Form.Item>
      {editing ? (
        <>
          <Form.Item name="status" label="账户状态" extra="停用后该用户不能登录，已办理的记录保留。">
            <Select options={optionsOf(USER_STATUS)} />
          </Form.Item>
          <Form.Item
            name="residentId"
            label="身份证号"
            extra={`${user.residentIdMasked ? `已登记：${user.residentIdMasked}。输入新号码可更换，留空不修改。` : "未登记。"}加密保存、只显示脱敏号码；资金监管用它比对收款人和补贴对象是否为本系统用户。`}
            rules={[
              {
                validator: async (_, value: string | undefined) => {
                  const problem = residentIdProblem(value);
                  if (problem !== null) throw new Error(problem);
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" className="xc-mono" placeholder={user.residentIdMasked ?? "18 位身份证号"} />
          </Form.Item>
          {user.residentIdMasked && (
            <Form.Item name="clearResidentId" valuePropName="checked">
              <Checkbox>清除已登记的身份证号</Checkbox>
            </Form.Item>
          )}
        </>
      ) : (
        <>
          <NewPasswordFields name="password" label="初始密码" extra={`${PASSWORD_HINT}。用户首次登录时须修改。`} />
        </>
      )}
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserAccount; onClose: () => void }) {
  return (
    <FormModal<{ newPassword: string; confirm: string }>
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置密码"
      send={(values) => userApi.resetPassword(user.id, values.newPassword)}
      success={`已重置“${user.displayName}”的密码，该用户下次登录时须修改密码`}
      onDone={onClose}
      onClose={onClose}
    >
      <p style={{ color: "#4a5563" }}>
        请通过安全的方式把新密码告知本人。该用户下次登录时须修改密码。
        {user.totpEnabled && (
          <Tooltip title="重置密码不影响已绑定的身份验证器">
            <span>（双因素认证保持不变）</span>
          </Tooltip>
        )}
      </p>
      <NewPasswordFields name="newPassword" label="新密码" extra={PASSWORD_HINT} />
    </FormModal>
  );
}
