// Default export of the district's monthly report status page for the lazy route list.
import { DebtMonthlyStatusPage } from "./MonthlyReport.tsx";

export default DebtMonthlyStatusPage;
