// Sign-in: username and password, then a 6-digit TOTP code when the account has one.
// A successful login goes to a required step (new password, TOTP enrolment) if any, else
// back to the page the user first asked for.
import { ArrowLeftOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { authApi } from "../api.ts";
import type { Me } from "../apiTypes.ts";
import { useAuth } from "../auth/AuthContext.tsx";
import { afterLoginPath, type LoginLocationState } from "../auth/gate.ts";
import { loginErrorMessage } from "../auth/loginErrors.ts";
import { BrandMark, PRODUCT_NAME } from "../components/Brand.tsx";
import { PageSpin } from "../components/PageStates.tsx";
import { ApiError } from "../lib/problem.ts";

const TOTP_LENGTH = 6;

interface PasswordForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { state, signIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const locationState = (location.state ?? {}) as LoginLocationState;
  const from = locationState.from ?? null;

  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(locationState.expired ? "登录已过期，请重新登录。" : null);

  if (state.status === "loading") return <PageSpin tip="正在验证登录状态…" />;
  if (state.status === "signedIn" && !submitting) return <Navigate to={afterLoginPath(state.me, from)} replace />;

  const finish = (user: Me) => {
    signIn(user);
    navigate(afterLoginPath(user, from), { replace: true });
  };

  const submitPassword = async (values: PasswordForm) => {
    setSubmitting(true);
    setError(null);
    setNotice(null);
    try {
      const answer = await authApi.login(values.username.trim(), values.password);
      if (answer.status === "totp_required") {
        setChallengeId(answer.challengeId);
        setCode("");
      } else {
        finish(answer.user);
      }
    } catch (caught) {
      setError(loginErrorMessage(caught));
    } finally {
      setSubmitting(false);
    }
  };

  const submitCode = async (value: string) => {
    if (challengeId === null || !/^\d{6}$/.test(value) || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const answer = await authApi.loginTotp(challengeId, value);
      if (answer.status === "ok") finish(answer.user);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code !== "TOTP_INVALID" && caught.status === 401) {
        // The challenge has expired or was used up: start again from the password.
        setChallengeId(null);
        setNotice("动态验证码输入超时，请重新输入用户名和密码。");
      } else {
        setError(loginErrorMessage(caught));
      }
      setCode("");
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="xc-login">
      <div className="xc-login-banner">
        <div className="xc-login-title">
          <BrandMark size={56} />
          <div>
            <div className="xc-login-product">{PRODUCT_NAME}</div>
            <div className="xc-login-slogan">预算 · 国库支付 · 会计核算 · 惠农补贴 · 债务 · 绩效 · 档案</div>
          </div>
        </div>
      </div>

      <div className="xc-login-card">
        {challengeId === null ? (
          <>
            <h2 className="xc-login-heading">用户登录</h2>
            {notice !== null && <Alert type="info" showIcon title={notice} className="xc-login-alert" />}
            {error !== null && <Alert type="error" showIcon title={error} className="xc-login-alert" />}
            <Form<PasswordForm> layout="vertical" size="large" onFinish={(values) => void submitPassword(values)} requiredMark={false}>
              <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: "请输入用户名" }]}>
                <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus maxLength={64} />
              </Form.Item>
              <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
                <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" maxLength={128} />
              </Form.Item>
              <Form.Item style={{ marginBottom: 8 }}>
                <Button type="primary" htmlType="submit" block loading={submitting}>
                  登 录
                </Button>
              </Form.Item>
            </Form>
            <Typography.Paragraph type="secondary" className="xc-login-help">
              忘记密码或账户被锁定，请联系区财政局系统管理员。
            </Typography.Paragraph>
          </>
        ) : (
          <>
            <h2 className="xc-login-heading">
              <SafetyCertificateOutlined /> 双因素认证
            </h2>
            <Typography.Paragraph type="secondary">
              请打开手机上的身份验证器，输入乡财平台当前显示的 {TOTP_LENGTH} 位动态验证码。
            </Typography.Paragraph>
            {error !== null && <Alert type="error" showIcon title={error} className="xc-login-alert" />}
            <div className="xc-login-otp">
              <Input.OTP
                length={TOTP_LENGTH}
                size="large"
                value={code}
                autoFocus
                autoComplete="one-time-code"
                formatter={(text) => text.replace(/\D/g, "")}
                onChange={(value) => {
                  setCode(value);
                  void submitCode(value);
                }}
                disabled={submitting}
                aria-label="动态验证码"
              />
            </div>
            <Button type="primary" block size="large" loading={submitting} disabled={!/^\d{6}$/.test(code)} onClick={() => void submitCode(code)}>
              验 证
            </Button>
            <Button
              type="link"
              icon={<ArrowLeftOutlined />}
              className="xc-login-back"
              onClick={() => {
                setChallengeId(null);
                setError(null);
              }}
            >
              返回重新输入账号
            </Button>
          </>
        )}
      </div>

      <div className="xc-login-footer">
        乡财开源项目 · 建议使用最新版 Chrome、Edge 或国产浏览器的极速模式访问
      </div>
    </div>
  );
}
