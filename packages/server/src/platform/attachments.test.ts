// Proves the pure rules of attachments: the type is told by the first bytes (never by the name), a
// download names the file in Chinese for every browser, and a file name loses folders and controls.
import { describe, expect, it } from "vitest";
import { cleanFileName, contentDisposition, detectFileType, formatBytes } from "./attachments.ts";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("detectFileType", () => {
  it("recognises PDF, images and Office files by their signatures", () => {
    expect(detectFileType(bytes("%PDF-1.7\n..."), "x.bin")?.contentType).toBe("application/pdf");
    expect(detectFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "a.pdf")?.contentType).toBe("image/png");
    expect(detectFileType(bytes([0xff, 0xd8, 0xff, 0xe0]), "scan")?.contentType).toBe("image/jpeg");
    expect(detectFileType(bytes("GIF89a.."), "a")?.contentType).toBe("image/gif");
    expect(detectFileType(bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "a")?.contentType).toBe("image/webp");
    expect(detectFileType(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0]), "a")?.contentType).toBe("image/tiff");
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], "....[Content_Types].xml....xl/workbook.xml"), "表.xlsx")?.label).toBe("Excel");
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], "....[Content_Types].xml....word/document.xml"), "合同")?.label).toBe("Word");
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0];
    expect(detectFileType(bytes(ole), "旧表.xls")?.contentType).toBe("application/vnd.ms-excel");
    expect(detectFileType(bytes(ole), "旧合同.DOC")?.contentType).toBe("application/msword");
  });

  it("refuses anything else, whatever its name says", () => {
    expect(detectFileType(bytes("MZ\x90\x00 executable"), "发票.pdf")).toBeNull();
    expect(detectFileType(bytes("<html><script>"), "发票.png")).toBeNull();
    expect(detectFileType(bytes("%PD"), "short.pdf")).toBeNull();
    // A ZIP that is not an Office document (no content-types part), and one of neither Excel nor Word.
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], "payload.exe"), "a.xlsx")).toBeNull();
    expect(detectFileType(bytes([0x50, 0x4b, 0x03, 0x04], "[Content_Types].xml ppt/slides"), "a.docx")).toBeNull();
    // An OLE2 file named other than .xls/.doc (an .msi installer has the same header).
    expect(detectFileType(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "setup.msi")).toBeNull();
    expect(detectFileType(new Uint8Array(), "empty.pdf")).toBeNull();
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("发票 2026(1).pdf")).toBe(`attachment; filename="__ 2026(1).pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%202026%281%29.pdf`);
    expect(contentDisposition('a"b;c.pdf', "inline")).toBe(`inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`);
  });
});

describe("cleanFileName", () => {
  it("keeps the name only, without folders, quotes or control characters, at most 200 characters", () => {
    expect(cleanFileName("C:\\Users\\吴强\\发票.pdf")).toBe("发票.pdf");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName('合"同\u0000\n.pdf')).toBe("合同.pdf");
    expect(cleanFileName("   ")).toBe("");
    const long = `${"长".repeat(250)}.pdf`;
    expect(cleanFileName(long)).toHaveLength(200);
    expect(cleanFileName(long).endsWith(".pdf")).toBe(true);
  });
  it("formats sizes", () => {
    expect(formatBytes(512)).toBe("512 字节");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
  });
});
