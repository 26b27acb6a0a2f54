// One redaction rule for everything the server writes to its log: a resident ID (15 or 18
// characters) or a bank card (15-19 digits, or groups of four) is replaced before the line leaves
// the process, whether it came in a URL (a search by ID puts `?q=<ID>` in the request line), an
// error message (a failed query quotes its parameters) or anything else a handler logs.
import { Writable } from "node:stream";

export const REDACTED = "[已隐去]";

// Not preceded by a digit (a `%20`-style escape right before the number is allowed), not followed by one,
// and not the fraction of a number (the log's responseTime, 3.0424919128417969, was cut in half by it).
const START = String.raw`(?<![0-9]\.)(?:(?<=%[0-9A-Fa-f]{2})|(?<![0-9]))`;
const END = String.raw`(?![0-9])`;
/** 15-19 digits, the last may be the X of an 18-character ID. */
const PLAIN = String.raw`[0-9]{14,18}[0-9Xx]`;
/** A card written in groups of four: 6217 0012 3456 7890 (space, +, - or %20 between). */
const GROUPED = String.raw`(?<![0-9A-Za-z-])[0-9]{4}(?:(?:[ +-]|%20)[0-9]{4}){2,3}(?:(?:[ +-]|%20)[0-9]{1,4})?`;
const PERSONAL_NUMBER = new RegExp(`${START}(?:${PLAIN}|${GROUPED})${END}`, "g");

/** The text with every ID- or card-shaped number replaced by [已隐去]; everything else unchanged. */
export function redactPersonal(text: string): string {
  return text.replace(PERSONAL_NUMBER, REDACTED);
}

/** A log destination that redacts each line before handing it on (pino writes whole lines). */
export function redactingStream(destination: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      destination.write(redactPersonal(String(chunk)), done);
    },
  });
}
