import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * The caller's address, for per-client rate limits here and in subgraphs (sign-in throttling).
 * Behind a load balancer or Ingress the TCP peer is the proxy, so requests from the proxies
 * listed in TRUSTED_PROXIES are attributed to the right-most address in X-Forwarded-For that
 * is not itself a trusted proxy: the left part of the header is whatever the client wrote.
 */
export class ClientAddress {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  /** `proxies`: addresses or CIDR ranges (`10.0.0.0/8`, `fd00::/8`), validated by the config. */
  constructor(proxies: string[]) {
    for (const entry of proxies) {
      const [address, bits] = entry.split('/') as [string, string | undefined];
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(address, type);
      else this.trusted.addSubnet(address, Number(bits), type);
    }
    this.any = proxies.length > 0;
  }

  of(req: IncomingMessage): string {
    const peer = plain(req.socket.remoteAddress ?? '');
    if (!peer) return 'unknown';
    if (!this.any || !this.isTrusted(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => plain(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return peer; // a malformed chain: trust nothing the client may have written
      if (!this.isTrusted(hop)) return hop;
    }
    return peer;
  }

  private isTrusted(address: string): boolean {
    return this.trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) -> "10.0.0.1". */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Whether a TRUSTED_PROXIES entry is an address or a CIDR range. */
export function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}
