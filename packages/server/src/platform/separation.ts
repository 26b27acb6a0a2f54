// Separation of duties, one rule for every domain: whoever entered a record cannot approve it.
import { DomainError } from "./errors.ts";

export function assertDifferentPerson(enteredBy: string, approverId: string, what = "该事项"): void {
  if (enteredBy === approverId) {
    throw new DomainError("SAME_PERSON", `不相容职务分离：${what}由您本人录入，不能由您本人审核。`);
  }
}
