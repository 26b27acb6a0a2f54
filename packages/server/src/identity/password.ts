// Passwords: argon2id with its cost set explicitly (OWASP's second recommended setting), and the policy.
import { hash, verify } from "@node-rs/argon2";

// The package declares its algorithm enum as an ambient const enum, which isolated modules cannot
// read; 2 is its value for Argon2id (Argon2d = 0, Argon2i = 1), checked in password.test.ts.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_LENGTH_MIN = 10;
export const PASSWORD_LENGTH_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the username is unknown so timing reveals nothing. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-0");
  return dummyHash;
}

/** Why a new password is refused, in Chinese, or null when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_LENGTH_MIN || password.length > PASSWORD_LENGTH_MAX) {
    return `密码长度须为 ${PASSWORD_LENGTH_MIN}-${PASSWORD_LENGTH_MAX} 个字符。`;
  }
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return "密码须同时包含字母和数字。";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "密码不能包含用户名。";
  return null;
}
