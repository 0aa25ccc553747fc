import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/;
const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * A client address as the audit log and the throttle keep it, or null when the text is none:
 * `IP`, `IPv4:port`, `[IPv6]` and `[IPv6]:port` (the forms proxies write) are read; an
 * IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, what a dual-stack socket reports) is its IPv4
 * address; IPv6 is written in its one canonical form (RFC 5952), so one client is one text.
 * Only what Node's own parser calls an IP is accepted: no `127.1` or hex shorthands.
 */
export function normalizeAddress(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const host = bracketed.exec(trimmed)?.[1] ?? ipv4WithPort.exec(trimmed)?.[1] ?? trimmed;
  if (isIP(host) === 0) return null;
  return ipaddr.process(host).toString();
}

/**
 * What one address counter counts: an IPv4 address, or an IPv6 address's /64, because one
 * subscriber usually holds a whole /64 and could otherwise take a fresh address per guess.
 */
export function addressBucket(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return address;
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address}/64`).toString()}/64`;
}
