// The password rule of docs/api.md, checked in the browser so the user learns it before submitting:
// the one rule of @xiangcai/shared (length, letters and digits, no runs like 1234/abcd/qwer/aaaa).
// The server checks it again, with the common-password list the browser does not download.
export { PASSWORD_HINT, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN, passwordProblem } from "@xiangcai/shared";
