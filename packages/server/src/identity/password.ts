// Passwords: argon2id with its cost set explicitly (OWASP's second recommended setting), and the policy
// (the shared rule of @xiangcai/shared plus the common-password list, which only the server holds).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { hash, verify } from "@node-rs/argon2";
import { passwordProblem as sharedPasswordProblem } from "@xiangcai/shared";

// The package declares its algorithm enum as an ambient const enum, which isolated modules cannot
// read; 2 is its value for Argon2id (Argon2d = 0, Argon2i = 1), checked in password.test.ts.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;


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

let common: Set<string> | null = null;

/**
 * The common-password list: @zxcvbn-ts/language-common's ranked list (pinned; MIT, maintained with
 * the zxcvbn-ts estimator) and a curated file of passwords common in China. Read once, on first use.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const require = createRequire(import.meta.url);
    const list = JSON.parse(readFileSync(require.resolve("@zxcvbn-ts/language-common/src/passwords.json"), "utf8")) as string[];
    const curated = readFileSync(new URL("./common-passwords-zh.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== "" && !line.startsWith("#"));
    common = new Set([...list.map((p) => p.toLowerCase()), ...curated]);
  }
  return common;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** Why a new password is refused, in Chinese, or null when it is acceptable (the shared rule plus the list). */
export function passwordProblem(password: string, username?: string): string | null {
  const problem = sharedPasswordProblem(password, { username, isCommon: (lowered) => commonPasswords().has(lowered) });
  return problem && `${problem}。`;
}
