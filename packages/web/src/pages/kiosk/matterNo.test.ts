import { describe, expect, it } from "vitest";
import { hallProgressBody } from "@xiangcai/shared";
import { MATTER_NO_DIGITS, matterNoOfDigits } from "./matterNo.ts";

describe("the matter number typed on the kiosk's pad", () => {
  it("puts in FW and the dash as the digits come, and gives a number the server accepts when complete", () => {
    expect(matterNoOfDigits("")).toBe("FW");
    expect(matterNoOfDigits("2026101")).toBe("FW2026101");
    expect(matterNoOfDigits("20261010")).toBe("FW2026101-0");
    const full = matterNoOfDigits("202610100001");
    expect(full).toBe("FW2026101-00001");
    expect(MATTER_NO_DIGITS).toBe(12);
    expect(hallProgressBody.safeParse({ matterNo: full, name: "钱桂兰" }).success).toBe(true);
    expect(hallProgressBody.safeParse({ matterNo: matterNoOfDigits("20261010000"), name: "钱桂兰" }).success).toBe(false);
  });
});
