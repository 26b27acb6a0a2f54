// Default exports of the monthly report pages for the lazy route list.
import { DebtMonthlyReportsPage } from "./MonthlyReport.tsx";

export default DebtMonthlyReportsPage;
