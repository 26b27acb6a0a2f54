// The title row of a page: title, a line saying what the page is for, and its main buttons.
import type { ReactNode } from "react";

export function PageHeader({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <div className="xc-page-header">
      <div>
        <h1 className="xc-page-title">{title}</h1>
        {description !== undefined && <div className="xc-page-description">{description}</div>}
      </div>
      {extra !== undefined && <div className="xc-page-extra">{extra}</div>}
    </div>
  );
}
