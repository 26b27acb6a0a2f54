// Whole-page states shared by the router: loading, no permission, not found.
import { Button, Result, Spin } from "antd";
import { useNavigate } from "react-router";

export function PageSpin({ tip = "正在加载…" }: { tip?: string }) {
  return (
    <div className="xc-page-spin">
      <Spin size="large" description={tip} />
    </div>
  );
}

export function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账户没有访问此页面的权限。如需开通，请联系区财政局系统管理员。"
      extra={<Button type="primary" onClick={() => navigate("/")}>返回首页</Button>}
    />
  );
}

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在，可能是地址有误或页面已调整。"
      extra={<Button type="primary" onClick={() => navigate("/")}>返回首页</Button>}
    />
  );
}
