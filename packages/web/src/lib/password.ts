// The password rule of docs/api.md (10-128 characters with letters and digits), checked in
// the browser so the user learns it before submitting; the server checks it again.

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 128;

export const PASSWORD_HINT = `${PASSWORD_LENGTH_MIN}-${PASSWORD_LENGTH_MAX} 位，须同时包含字母和数字`;

/** A Chinese description of what is wrong with the password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH_MIN) return `密码至少 ${PASSWORD_LENGTH_MIN} 位`;
  if (length > PASSWORD_LENGTH_MAX) return `密码不能超过 ${PASSWORD_LENGTH_MAX} 位`;
  if (!/[A-Za-z]/.test(password)) return "密码须包含字母";
  if (!/[0-9]/.test(password)) return "密码须包含数字";
  return null;
}
