// One money format everywhere a person reads an amount: yuan with two decimals and thousands
// separators (1,983,900.00), from the API's exact yuan strings; never through Number. The format
// itself is the shared money module's (packages/shared/src/money.ts), the same the server's prints use.
import { formatYuanText } from "@xiangcai/shared";

export { formatYuanText };

/** Table column settings for an amount: right-aligned, tabular figures, the one format. */
export const moneyColumn = { align: "right" as const, className: "xc-money", render: (value: string | null | undefined) => formatYuanText(value) };
