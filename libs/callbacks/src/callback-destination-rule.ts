/**
 * Where the engine may send webhooks: the one rule, used by intake (on the URL alone, never
 * waiting on DNS) and by delivery (on every address the host resolves to, right before
 * connecting). A callback goes to a public address over https (http only where
 * WEBHOOK_ALLOW_HTTP allows it), without credentials in the URL. Refused: loopback, private
 * (RFC 1918, unique-local), link-local, multicast, unspecified, broadcast, carrier-grade NAT,
 * reserved and documentation ranges, IPv6 forms embedding one of those IPv4 addresses, the
 * engine's own interface addresses, and names local by definition. Hosts, addresses and
 * CIDR ranges in WEBHOOK_ALLOWED_HOSTS are allowed explicitly by the operator.
 */
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface CallbackDestinationOptions {
  /** plain http is allowed (development) */
  allowHttp: boolean;
  /** host names, addresses or CIDR ranges allowed even when they are not public */
  allowedHosts: readonly string[];
}

/** Words for each non-public range ipaddr.js names; any other non-unicast range is "reserved". */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  uniqueLocal: 'private (unique local)',
  deprecatedSiteLocal: 'private (site-local)',
  reserved: 'reserved',
  benchmarking: 'reserved (benchmarking)',
  teredo: 'reserved (Teredo)',
  rfc6052: 'reserved (local-use NAT64)',
  discard: 'reserved (discard)',
};

/** IPv6 forms that carry an IPv4 address in their last 32 bits; each is judged by that address. */
const EMBEDDING_IPV4: Record<string, string> = {
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'IPv4-translated',
};
/** The well-known NAT64 prefix (RFC 6052) carries the IPv4 address too; the local-use one is not public. */
const NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
/** ::a.b.c.d, the deprecated IPv4-compatible form (ipaddr.js counts it as unicast). */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
/** IANA's global unicast space: any other IPv6 address is not a public one. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** Names that are local by definition (RFC 6761, 6762, 8375; ICANN's .internal). */
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'home.arpa'];

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

type AllowedHost = { kind: 'name'; name: string } | { kind: 'range'; range: [Address, number] };

function parseLiteral(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return null;
}

/** A host name as compared: lower case, without a trailing dot or IPv6 brackets. */
function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

function parseAllowedHost(entry: string): AllowedHost | string {
  const text = entry.trim();
  if (text.includes('/')) {
    const [base] = text.split('/');
    const valid = ipaddr.IPv4.isValidFourPartDecimal(base) ? ipaddr.IPv4.isValidCIDRFourPartDecimal(text) : ipaddr.IPv6.isValidCIDR(text);
    return valid ? { kind: 'range', range: ipaddr.parseCIDR(text) } : `"${entry}" is not a valid CIDR range`;
  }
  const literal = parseLiteral(normalizeHost(text));
  if (literal) return { kind: 'range', range: [literal, literal.kind() === 'ipv4' ? 32 : 128] };
  const name = normalizeHost(text);
  // a name whose last label is numeric is an (invalid) address to a URL parser, never a name
  const valid = HOST_NAME.test(name) && !/(^|\.)\d+$/.test(name);
  return valid ? { kind: 'name', name } : `"${entry}" is not a host name, an IP address or a CIDR range`;
}

/** Why an entry of WEBHOOK_ALLOWED_HOSTS is not usable, or null when it is. */
export function allowedHostProblem(entry: string): string | null {
  const parsed = parseAllowedHost(entry);
  return typeof parsed === 'string' ? parsed : null;
}

/** The addresses of this machine's network interfaces. */
export function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((info) => info.address));
}

function sameAddress(a: Address, b: Address): boolean {
  return a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
}

function lastIpv4(address: ipaddr.IPv6, firstByte = 12): ipaddr.IPv4 {
  return new ipaddr.IPv4(address.toByteArray().slice(firstByte, firstByte + 4));
}

/** Why an address is not public, or null when it is. */
function nonPublicReason(address: Address): string | null {
  const range = address.range();
  if (address.kind() === 'ipv4') return range === 'unicast' ? null : (RANGE_WORDS[range] ?? `reserved (${range})`);
  const v6 = address as ipaddr.IPv6;
  const embedded =
    range in EMBEDDING_IPV4 ? { form: EMBEDDING_IPV4[range], ipv4: lastIpv4(v6) }
    : range === 'rfc6052' && v6.match(NAT64) ? { form: 'NAT64', ipv4: lastIpv4(v6) }
    : range === '6to4' ? { form: '6to4', ipv4: lastIpv4(v6, 2) } // bits 16-48
    : range === 'unicast' && v6.match(IPV4_COMPATIBLE) ? { form: 'IPv4-compatible', ipv4: lastIpv4(v6) }
    : null;
  if (embedded) {
    const inner = nonPublicReason(embedded.ipv4);
    if (inner) return `${inner} (${embedded.form} ${embedded.ipv4.toString()})`;
    return embedded.form === 'IPv4-compatible' ? 'reserved (IPv4-compatible, deprecated)' : null;
  }
  if (range !== 'unicast') return RANGE_WORDS[range] ?? `reserved (${range})`;
  return v6.match(GLOBAL_UNICAST_V6) ? null : 'reserved (outside global unicast 2000::/3)';
}

export class CallbackDestinationRule {
  private readonly allowedNames = new Set<string>();
  private readonly allowedRanges: [Address, number][] = [];

  constructor(
    private readonly options: CallbackDestinationOptions,
    /** this machine's addresses, read at each check (interfaces come and go) */
    private readonly ownAddresses: () => Iterable<string> = interfaceAddresses,
  ) {
    for (const entry of options.allowedHosts) {
      const parsed = parseAllowedHost(entry);
      if (typeof parsed === 'string') throw new Error(`WEBHOOK_ALLOWED_HOSTS: ${parsed}`);
      if (parsed.kind === 'name') this.allowedNames.add(parsed.name);
      else this.allowedRanges.push(parsed.range);
    }
  }

  /**
   * Why a callback URL is refused on its face, or null. Never resolves a name: a literal
   * address is checked here, a name only when it is local by definition.
   */
  checkUrl(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'is not a URL';
    }
    if (parsed.protocol === 'http:') {
      if (!this.options.allowHttp) return 'http is not allowed: use https';
    } else if (parsed.protocol !== 'https:') {
      return `${parsed.protocol.replace(/:$/, '')} is not allowed: use https`;
    }
    if (parsed.username || parsed.password) return 'credentials (user:password@) are not allowed in a callback URL';
    const host = normalizeHost(parsed.hostname);
    const literal = parseLiteral(host);
    if (literal) return this.checkAddress(literal.toString());
    if (this.allowedNames.has(host)) return null;
    const suffix = LOCAL_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
    if (suffix) return host === suffix ? `${host} is a local name` : `${host} is a local name (.${suffix})`;
    return host.includes('.') ? null : `${host} is a single-label name, which resolves only on a local network`;
  }

  /** Why the addresses a host name resolved to are refused (the first refused one), or null. */
  checkResolved(hostname: string, addresses: readonly string[]): string | null {
    if (this.allowedNames.has(normalizeHost(hostname))) return null;
    if (addresses.length === 0) return `${hostname} resolved to no address`;
    for (const address of addresses) {
      const refusal = this.checkAddress(address);
      if (refusal) return refusal;
    }
    return null;
  }

  /** Why one address is refused, or null when it is public (or allowed) and not this machine's. */
  checkAddress(text: string): string | null {
    const address = parseLiteral(normalizeHost(text).replace(/%.*$/, ''));
    if (!address) return `${text} is not an IP address`;
    const plain = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
    if (this.allowedRanges.some((range) => plain.kind() === range[0].kind() && plain.match(range))) return null;
    const reason = nonPublicReason(address);
    if (reason) return `${text} is ${reason}`;
    for (const own of this.ownAddresses()) {
      const ownAddress = ipaddr.isValid(own) ? ipaddr.process(own) : null;
      if (ownAddress && sameAddress(ownAddress, plain)) return `${text} is one of the engine's own addresses`;
    }
    return null;
  }
}
