// 双因素认证: bind an authenticator app (TOTP) to the account, or unbind it. Binding is a
// required step for roles that must use it; until then nothing else can be reached.
import { CopyOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Input, QRCode, Result, Row, Space, Steps, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { authApi } from "../../api.ts";
import type { TotpSetup } from "../../apiTypes.ts";
import { useAuth, useMe } from "../../auth/AuthContext.tsx";
import { PageHeader } from "../../components/PageHeader.tsx";
import { ApiError } from "../../lib/problem.ts";
import { useApiError } from "../../lib/useApiError.ts";

const CODE_LENGTH = 6;

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type by hand. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

function CodeInput({ value, onChange, disabled }: { value: string; onChange: (value: string) => void; disabled?: boolean }) {
  return (
    <Input.OTP
      length={CODE_LENGTH}
      size="large"
      value={value}
      onChange={onChange}
      disabled={disabled}
      formatter={(text) => text.replace(/\D/g, "")}
      autoComplete="one-time-code"
      aria-label="动态验证码"
    />
  );
}

export default function TotpPage() {
  const me = useMe();
  return (
    <>
      <PageHeader title="双因素认证" description="登录时除密码外，还须输入手机身份验证器上的 6 位动态验证码，防止密码泄露后账户被盗用。" />
      {me.totpEnabled ? <DisableTotp /> : <EnableTotp />}
    </>
  );
}

function EnableTotp() {
  const me = useMe();
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const report = useApiError();
  const navigate = useNavigate();
  const forced = me.totpEnrollRequired;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await authApi.setupTotp());
      setCode("");
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  };

  const enable = async (value: string) => {
    if (!/^\d{6}$/.test(value) || busy) return;
    setBusy(true);
    setError(null);
    try {
      await authApi.enableTotp(value);
      void message.success("双因素认证已启用，下次登录时需要输入动态验证码");
      await refresh();
      if (forced) navigate("/", { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "TOTP_INVALID") {
        setError("验证码不正确。请确认手机时间准确，并输入身份验证器中当前显示的验证码。");
        setCode("");
      } else {
        report(caught);
      }
    } finally {
      setBusy(false);
    }
  };

  const copySecret = async () => {
    if (setup === null) return;
    try {
      await navigator.clipboard.writeText(setup.secret);
      void message.success("密钥已复制");
    } catch {
      void message.warning("无法访问剪贴板，请手工抄录密钥");
    }
  };

  return (
    <Card style={{ maxWidth: 880 }}>
      <Steps
        current={setup === null ? 0 : 1}
        style={{ marginBottom: 24 }}
        items={[{ title: "安装身份验证器" }, { title: "扫码绑定" }, { title: "输入验证码启用" }]}
      />
      {setup === null ? (
        <Space orientation="vertical" size="middle">
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            请先在手机上安装支持 TOTP 标准的身份验证器，例如 Microsoft Authenticator、Google Authenticator、FreeOTP，或您单位指定的验证器应用。
          </Typography.Paragraph>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={() => void start()}>
            开始绑定
          </Button>
        </Space>
      ) : (
        <Row gutter={32}>
          <Col flex="none">
            <QRCode value={setup.otpauthUri} size={200} errorLevel="M" bordered />
          </Col>
          <Col flex="auto" style={{ minWidth: 280 }}>
            <Typography.Paragraph>1. 打开身份验证器，选择“添加账户 / 扫描二维码”，扫描左侧二维码。</Typography.Paragraph>
            <Typography.Paragraph>
              无法扫码时，可选择“手动输入密钥”，输入以下密钥（基于时间）：
              <br />
              <Typography.Text strong className="xc-mono xc-secret">
                {groupSecret(setup.secret)}
              </Typography.Text>
              <Button type="link" size="small" icon={<CopyOutlined />} onClick={() => void copySecret()}>
                复制
              </Button>
            </Typography.Paragraph>
            <Typography.Paragraph>2. 输入身份验证器中显示的 6 位验证码：</Typography.Paragraph>
            {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
            <Space orientation="vertical" size="middle">
              <CodeInput
                value={code}
                disabled={busy}
                onChange={(value) => {
                  setCode(value);
                  void enable(value);
                }}
              />
              <Space>
                <Button type="primary" loading={busy} disabled={!/^\d{6}$/.test(code)} onClick={() => void enable(code)}>
                  启用双因素认证
                </Button>
                <Button onClick={() => void start()} disabled={busy}>
                  重新生成二维码
                </Button>
              </Space>
            </Space>
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              title="请勿截图或转发二维码和密钥。换手机前请先关闭双因素认证，或请系统管理员协助。"
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function DisableTotp() {
  const { refresh } = useAuth();
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message, modal } = App.useApp();
  const report = useApiError();

  const disable = () => {
    modal.confirm({
      title: "关闭双因素认证？",
      content: "关闭后，登录只需密码，账户安全性将降低。",
      okText: "关闭",
      okButtonProps: { danger: true },
      cancelText: "取消",
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          await authApi.disableTotp(code);
          void message.success("双因素认证已关闭");
          setCode("");
          await refresh();
        } catch (caught) {
          if (caught instanceof ApiError && caught.code === "TOTP_INVALID") {
            setError("验证码不正确，请输入身份验证器中当前显示的验证码。");
            setCode("");
          } else if (caught instanceof ApiError && caught.code === "FORBIDDEN") {
            setError(caught.detail || "您的角色要求必须启用双因素认证，不能关闭。");
          } else {
            report(caught);
          }
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Card style={{ maxWidth: 880 }}>
      <Result
        status="success"
        title="双因素认证已启用"
        subTitle="登录时需要输入身份验证器上的动态验证码。"
        style={{ paddingBottom: 8 }}
      />
      <div style={{ maxWidth: 420, margin: "0 auto" }}>
        <Typography.Paragraph type="secondary">如需关闭（例如更换手机），请输入当前的 6 位验证码：</Typography.Paragraph>
        {error !== null && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Space orientation="vertical" size="middle">
          <CodeInput value={code} onChange={setCode} disabled={busy} />
          <Button danger loading={busy} disabled={!/^\d{6}$/.test(code)} onClick={disable}>
            关闭双因素认证
          </Button>
        </Space>
      </div>
    </Card>
  );
}
