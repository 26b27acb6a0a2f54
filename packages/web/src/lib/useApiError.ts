// Shows a failed request to the user: the server's Chinese `detail` as a message, and
// field errors on the form fields they belong to.
import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { ApiError, groupFieldProblems } from "./problem.ts";

export type ReportError = (error: unknown, form?: FormInstance) => void;

export function useApiError(): ReportError {
  const { message, notification } = App.useApp();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (error instanceof DOMException && error.name === "AbortError") return;
      if (!(error instanceof ApiError)) {
        console.error(error);
        notification.error({ title: "操作失败", description: "发生未预期的错误，请刷新页面后重试。" });
        return;
      }
      // The auth context sends the user to the login page; a message would only add noise.
      if (error.code === "NOT_AUTHENTICATED") return;

      let unmatched = error.errors.map((problem) => problem.message);
      if (form !== undefined && error.errors.length > 0) {
        // Registered fields (even when still empty) and stored values together name every field.
        const known = [
          ...Object.keys(form.getFieldsValue() as Record<string, unknown>),
          ...Object.keys(form.getFieldsValue(true) as Record<string, unknown>),
        ];
        const grouped = groupFieldProblems(error.errors, known);
        form.setFields(grouped.fields.map((field) => ({ name: field.name, errors: field.errors })));
        unmatched = grouped.unmatched;
      }
      if (unmatched.length > 0) {
        notification.error({
          title: error.detail,
          description: unmatched.join("；"),
          duration: 8,
        });
      } else {
        void message.error(error.detail);
      }
    },
    [message, notification],
  );
}
