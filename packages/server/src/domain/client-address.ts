const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/;
const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;
const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4 = new RegExp(`^${octet}(?:\\.${octet}){3}$`);
const ipv6Characters = /^[0-9a-f:.]+$/i;

/**
 * IPv6 in the WHATWG URL parser's serialisation (lower case, the longest run of zero groups as
 * `::`): the one parser every runtime this handler runs in has, Node and browsers alike.
 */
function canonicalIpv6(text: string): string | null {
  if (!text.includes(':') || !ipv6Characters.test(text)) return null;
  try {
    return new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
}

/** The eight 16-bit groups of a canonical IPv6 address. */
function ipv6Groups(canonical: string): number[] {
  const [head = '', tail] = canonical.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * A client address as the audit log and the throttle keep it, or null when the text is none:
 * `IP`, `IPv4:port`, `[IPv6]` and `[IPv6]:port` (the forms proxies write) are read; an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports) is its IPv4
 * address; IPv6 is written in one canonical form, so one client is one text. IPv4 must be four
 * decimal parts: no `127.1` or hex shorthands.
 */
export function normalizeAddress(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const host = bracketed.exec(trimmed)?.[1] ?? ipv4WithPort.exec(trimmed)?.[1] ?? trimmed;
  if (ipv4.test(host)) return host;
  const canonical = canonicalIpv6(host);
  if (canonical === null) return null;
  const groups = ipv6Groups(canonical);
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (!mapped) return canonical;
  const [high = 0, low = 0] = groups.slice(6);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * What one address counter counts: an IPv4 address, or an IPv6 address's /64, because one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address per guess.
 * Takes an address `normalizeAddress` returned.
 */
export function addressBucket(address: string): string {
  if (!address.includes(':')) return address;
  const prefix = ipv6Groups(address)
    .slice(0, 4)
    .map((g) => g.toString(16));
  return `${canonicalIpv6(`${prefix.join(':')}::`)}/64`;
}
