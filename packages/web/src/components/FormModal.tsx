// A modal holding one form, with the save written once (lib/useSubmit.ts): OK validates, sends with
// the form's Idempotency-Key, shows the Chinese message and calls onDone; Cancel closes. Children are
// the form's items (and any text around them); the caller decides when the modal is mounted.
import { Form, Modal, type FormInstance, type FormProps } from "antd";
import type { ReactNode } from "react";
import { useSubmit, type SubmitOptions } from "../lib/useSubmit.ts";

export interface FormModalProps<V, R> extends SubmitOptions<R> {
  title: ReactNode;
  /** The OK button's label (what the command does: 保存, 下达, 确认退款). */
  okText?: string;
  /** A red OK button for a command that cannot be undone. */
  danger?: boolean;
  /** OK stays disabled while this is true. */
  okDisabled?: boolean;
  width?: number;
  /** Pass a form made with Form.useForm when the caller reads or sets its values. */
  form?: FormInstance<V>;
  /** The fields' starting values (a record being edited, or defaults). */
  initialValues?: object;
  layout?: "vertical" | "horizontal";
  /** Anything else the antd Form takes (validateTrigger, labelCol …). */
  formProps?: Omit<FormProps<V>, "form" | "layout" | "initialValues" | "children">;
  /** Sends the validated values with the form's Idempotency-Key. */
  send: (values: V, key: string) => Promise<R>;
  onClose: () => void;
  children?: ReactNode;
}

export function FormModal<V = Record<string, unknown>, R = unknown>({
  title,
  okText = "保存",
  danger,
  okDisabled,
  width,
  form: given,
  initialValues,
  layout = "vertical",
  formProps,
  send,
  success,
  onDone,
  onClose,
  children,
}: FormModalProps<V, R>) {
  const [form] = Form.useForm<V>(given);
  const { submit, saving } = useSubmit(form, send, { success, onDone });
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ danger, disabled: okDisabled }}
      onOk={() => void submit()}
      onCancel={onClose}
      width={width}
      destroyOnHidden
    >
      <Form {...formProps} form={form} layout={layout} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
