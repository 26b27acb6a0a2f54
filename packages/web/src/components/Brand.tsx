// The product mark: a seal-like square with 财 and the product name.
export const PRODUCT_NAME = "乡财 · 乡镇财政管理平台";

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span className="xc-brand-mark" style={{ width: size, height: size, fontSize: size * 0.56 }} aria-hidden>
      财
    </span>
  );
}

export function Brand({ inverted = false }: { inverted?: boolean }) {
  return (
    <span className={inverted ? "xc-brand xc-brand-inverted" : "xc-brand"}>
      <BrandMark />
      <span className="xc-brand-name">{PRODUCT_NAME}</span>
    </span>
  );
}
