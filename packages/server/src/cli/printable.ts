/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides, as `\u{…}` escapes: text
 * from the database printed on a terminal must not move its cursor, recolour it, start a new
 * line that looks like another entry, or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(unprintable, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** One JSON line, with what JSON leaves raw (C1 controls, bidi overrides) escaped as well. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
