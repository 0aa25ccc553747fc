import ipaddr from 'ipaddr.js';

/**
 * Whether a webhook may connect to this address (#20, SECURITY.md "Webhooks"): a global unicast
 * one only. Private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local (169.254/16,
 * where cloud metadata answers, and fe80::/10), CGNAT (100.64/10), multicast, broadcast,
 * reserved and documentation ranges are refused, and so is an IPv4 address written as IPv6
 * (::ffff:127.0.0.1, NAT64, 6to4, Teredo): ipaddr.js names every such range, and only `unicast`
 * passes.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}
