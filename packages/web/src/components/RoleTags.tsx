// Role codes shown as tags with their Chinese names.
import { Tag } from "antd";
import { roleName } from "../lib/labels.ts";

export function RoleTags({ roles, names }: { roles: readonly string[]; names?: ReadonlyMap<string, string> }) {
  if (roles.length === 0) return <span style={{ color: "#8c96a3" }}>未分配</span>;
  return (
    <>
      {roles.map((code) => (
        <Tag key={code} color="blue" style={{ marginBottom: 2 }}>
          {roleName(code, names)}
        </Tag>
      ))}
    </>
  );
}
