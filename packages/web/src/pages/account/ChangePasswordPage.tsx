// 修改密码: the user's own password; also the required first step for new accounts and
// after an administrator's reset.
import { LockOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { authApi } from "../../api.ts";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { PASSWORD_HINT } from "../../lib/password.ts";
import { NewPasswordFields } from "../../components/NewPasswordFields.tsx";
import { ApiError } from "../../lib/problem.ts";
import { useApiError } from "../../lib/useApiError.ts";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const me = useMe();
  const { refresh } = useAuth();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const report = useApiError();
  const navigate = useNavigate();
  const forced = me.mustChangePassword;

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      void message.success("密码已修改，请牢记新密码");
      form.resetFields();
      await refresh();
      // The sign-in gate leads on to TOTP enrolment if that is also required.
      if (forced) navigate("/", { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === "INVALID_CREDENTIALS") {
        form.setFields([{ name: "currentPassword", errors: ["当前密码不正确"] }]);
      } else {
        report(error, form);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="修改密码" description={`${me.displayName}（${me.username}）`} />
      <Card style={{ maxWidth: 560 }}>
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item name="currentPassword" label={forced ? "当前密码（管理员设置的初始密码）" : "当前密码"} rules={[{ required: true, message: "请输入当前密码" }]}>
            <Input.Password prefix={<LockOutlined />} maxLength={128} autoComplete="current-password" autoFocus />
          </Form.Item>
          <NewPasswordFields
            name="newPassword"
            label="新密码"
            extra={PASSWORD_HINT}
            differentFrom={{ name: "currentPassword", message: "新密码不能与当前密码相同" }}
            prefix={<LockOutlined />}
          />
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              确认修改
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
