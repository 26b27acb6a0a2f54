// 发起整改: the finance office turns a problem found by a monitoring report or an evaluation into a
// rectification task of the performance kind (category, problem, owner, deadline); the unit then
// rectifies and submits evidence on the rectification register.
import { Form, Input, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { FormModal } from "../../components/FormModal.tsx";
import { performanceApi } from "./performanceApi.ts";

type Values = { category: string; title: string; description: string; responsiblePerson: string; deadlineOn: string };

export function RectificationModal({ source, initial, onDone, onClose }: { source: { kind: "performanceMonitoring" | "performanceEvaluation"; id: string; label?: string }; initial?: Partial<Values>; onDone: () => void; onClose: () => void }) {
  const [categories, setCategories] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => void performanceApi.kinds().then((k) => setCategories(k.find((x) => x.code === "performanceRectification")?.categories ?? []), () => undefined), []);
  return (
    <FormModal<Values> title={source.label ? `发起整改：${source.label}` : "发起整改"} okText="下达整改" initialValues={initial} send={(v) => performanceApi.openRectification({ ...v, sourceKind: source.kind, sourceId: source.id })} success="已下达整改任务" onDone={onDone} onClose={onClose}>
      <Form.Item name="category" label="问题类别" rules={[{ required: true, message: "请选择" }]}><Select options={categories.map((c) => ({ value: c.code, label: c.name }))} /></Form.Item>
      <Form.Item name="title" label="问题" rules={[{ required: true, message: "请填写" }]}><Input maxLength={200} /></Form.Item>
      <Form.Item name="description" label="问题描述" rules={[{ required: true, message: "请填写" }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
      <Space wrap>
        <Form.Item name="responsiblePerson" label="整改责任人" rules={[{ required: true, message: "请填写" }]}><Input style={{ width: 160 }} maxLength={50} /></Form.Item>
        <Form.Item name="deadlineOn" label="整改期限" rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: "格式 YYYY-MM-DD" }]}><Input style={{ width: 140 }} placeholder="YYYY-MM-DD" /></Form.Item>
      </Space>
    </FormModal>
  );
}
