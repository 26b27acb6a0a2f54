// The save of a form or a command button, written once: validate the form, send with the form's own
// Idempotency-Key (the same on a retry, a new one after success), say the outcome in Chinese, then
// hand the answer to the caller (close the modal, reload the list). Every form modal and command
// button of the app goes through useSubmit or useAction.
import type { FormInstance } from "antd";
import { App } from "antd";
import { useCallback, useRef, useState } from "react";
import { CommandKey, explainConflict } from "./commandKey.ts";
import { useApiError } from "./useApiError.ts";

export interface SubmitOptions<R> {
  /** The Chinese message shown after success, or built from the answer (none when it gives undefined). */
  success?: string | ((result: R) => string | undefined);
  /** After success, with the answer: close the modal, reload the list, go to the new record. */
  onDone?: (result: R) => void;
}

/** One key per component, kept across renders. */
export function useCommandKey(): CommandKey {
  const key = useRef<CommandKey | null>(null);
  if (key.current === null) key.current = new CommandKey();
  return key.current;
}

function successText<R>(success: SubmitOptions<R>["success"], result: R): string | undefined {
  return typeof success === "function" ? success(result) : success;
}

/**
 * Runs a command (a button with no form): `run(...args)` sends `send(key, ...args)` with the
 * component's key, shows the message, calls onDone; a failure is shown and answers undefined. While
 * one runs, another click is ignored.
 */
export function useAction<A extends unknown[], R>(send: (key: string, ...args: A) => Promise<R>, options: SubmitOptions<R> = {}) {
  const key = useCommandKey();
  const { message } = App.useApp();
  const report = useApiError();
  const [running, setRunning] = useState(false);
  const busy = useRef(false);
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setRunning(true);
      try {
        const result = await key.run((k) => latest.current.send(k, ...args));
        const text = successText(latest.current.options.success, result);
        if (text !== undefined) void message.success(text);
        latest.current.options.onDone?.(result);
        return result;
      } catch (error) {
        report(explainConflict(error));
        return undefined;
      } finally {
        busy.current = false;
        setRunning(false);
      }
    },
    [key, message, report],
  );
  return { run, running };
}

/**
 * The save of a form: validates it (antd shows the field messages and nothing is sent), sends the
 * values with the form's key, shows the message and calls onDone; the server's field errors go on
 * the fields and the rest into a notice.
 */
export function useSubmit<V, R>(form: FormInstance<V>, send: (values: V, key: string) => Promise<R>, options: SubmitOptions<R> = {}) {
  const key = useCommandKey();
  const { message } = App.useApp();
  const report = useApiError();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const latest = useRef({ send, options });
  latest.current = { send, options };

  const submit = useCallback(async (): Promise<R | undefined> => {
    if (busy.current) return undefined;
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return undefined; // the form shows what is missing
    }
    busy.current = true;
    setSaving(true);
    try {
      const result = await key.run((k) => latest.current.send(values, k));
      const text = successText(latest.current.options.success, result);
      if (text !== undefined) void message.success(text);
      latest.current.options.onDone?.(result);
      return result;
    } catch (error) {
      report(explainConflict(error), form as FormInstance);
      return undefined;
    } finally {
      busy.current = false;
      setSaving(false);
    }
  }, [form, key, message, report]);
  return { submit, saving };
}
