// A new password and its confirmation, checked in the browser by the one password rule of
// @xiangcai/shared: used where a user sets their own password and where an administrator sets one.
import { Form, Input } from "antd";
import type { ReactNode } from "react";
import { passwordProblem } from "../lib/password.ts";

interface Props {
  /** The form field of the password; the confirmation is the field `confirm`. */
  name: string;
  /** The password's label, e.g. 新密码 or 初始密码; the confirmation is labelled 确认 + it. */
  label: string;
  extra?: ReactNode;
  /** A field the new password must differ from (the current password). */
  differentFrom?: { name: string; message: string };
  prefix?: ReactNode;
}

export function NewPasswordFields({ name, label, extra, differentFrom, prefix }: Props) {
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={extra}
        dependencies={differentFrom ? [differentFrom.name] : []}
        rules={[
          { required: true, message: `请输入${label}` },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value === undefined || value === "") return;
              const problem = passwordProblem(value);
              if (problem !== null) throw new Error(problem);
              if (differentFrom && value === getFieldValue(differentFrom.name)) throw new Error(differentFrom.message);
            },
          }),
        ]}
      >
        <Input.Password prefix={prefix} maxLength={128} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={`确认${label}`}
        dependencies={[name]}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value !== undefined && value !== "" && value !== getFieldValue(name)) throw new Error(`两次输入的${label}不一致`);
            },
          }),
        ]}
      >
        <Input.Password prefix={prefix} maxLength={128} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
