// Submitting what was done about a rectification task (整改情况) with its evidence files (整改佐证材料),
// for every kind of rectification alike: the files are uploaded first for the task's township, then
// bound to the task with the text; the save goes through FormModal with the form's Idempotency-Key.
import { UploadOutlined } from "@ant-design/icons";
import { Button, Form, Input, Upload, type UploadFile } from "antd";
import { useState } from "react";
import type { AttachmentView, RectificationTaskDetail } from "@xiangcai/shared";
import { FormModal } from "../components/FormModal.tsx";
import { formatDateTime } from "../lib/format.ts";
import { useApiError } from "../lib/useApiError.ts";
import { rectificationApi } from "./rectificationApi.ts";

const ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.bmp,.tif,.tiff,.xlsx,.xls,.docx,.doc";

export function EvidenceModal({ task, okText = "提交核实", success = "整改情况已提交，等待核实销号", hint, onDone, onClose }: {
  task: Pick<RectificationTaskDetail, "id" | "regionCode">;
  okText?: string;
  success?: string;
  hint?: string;
  onDone: (task: RectificationTaskDetail) => void;
  onClose: () => void;
}) {
  const [files, setFiles] = useState<UploadFile<AttachmentView>[]>([]);
  const report = useApiError();
  return (
    <FormModal<{ evidence: string }, RectificationTaskDetail>
      title="提交整改情况"
      okText={okText}
      width={640}
      okDisabled={files.some((f) => f.status === "uploading")}
      send={(v, key) => rectificationApi.submitEvidence(task.id, { evidence: v.evidence, attachmentIds: files.flatMap((f) => (f.response ? [f.response.id] : [])) }, key)}
      success={success}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item name="evidence" label="整改措施和结果" rules={[{ required: true, min: 2, message: "请填写整改情况" }]}>
        <Input.TextArea rows={5} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item label="佐证材料" extra={hint ?? "整改通知、追回凭证、补充的合同发票、会议纪要等：PDF、图片、Excel、Word，最多 10 个。"}>
        <Upload<AttachmentView>
          accept={ACCEPT}
          multiple
          maxCount={10}
          fileList={files}
          customRequest={({ file, onSuccess, onError }) => {
            rectificationApi.upload(file as File, task.regionCode).then((stored) => onSuccess?.(stored)).catch((error: unknown) => {
              report(error);
              onError?.(error as Error);
            });
          }}
          onChange={({ fileList }) => setFiles(fileList.filter((f) => f.status !== "error"))}
        >
          <Button icon={<UploadOutlined />}>上传佐证材料</Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
}

/** What was submitted each time, with its files to download. */
export function EvidenceList({ task }: { task: Pick<RectificationTaskDetail, "evidence"> }) {
  const report = useApiError();
  if (task.evidence.length === 0) return <>尚未提交</>;
  return (
    <>
      {task.evidence.map((e) => (
        <div key={e.seq} style={{ marginBottom: 12 }}>
          <div>{e.evidence}</div>
          <div style={{ color: "#888" }}>第 {e.seq} 次提交 · {e.submittedByName} · {formatDateTime(e.submittedAt)}</div>
          {e.attachments.map((f) => (
            <Button key={f.id} type="link" size="small" style={{ paddingLeft: 0 }} onClick={() => void rectificationApi.downloadFile(f.id, f.fileName).catch(report)}>{f.fileName}</Button>
          ))}
        </div>
      ))}
    </>
  );
}
