import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ClientAddress, isAddressOrRange } from './client-address.js';

const request = (peer: string, forwardedFor?: string) => ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('ClientAddress', () => {
  it('uses the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(new ClientAddress([]).of(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(new ClientAddress([]).of(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('takes the right-most untrusted hop behind trusted proxies, ignoring what the client prepended', () => {
    const address = new ClientAddress(['10.0.0.0/8', '192.0.2.7']);
    expect(address.of(request('10.1.2.3', '198.51.100.1'))).toBe('198.51.100.1');
    expect(address.of(request('10.1.2.3', '1.2.3.4, 198.51.100.1, 192.0.2.7'))).toBe('198.51.100.1');
    expect(address.of(request('::ffff:10.1.2.3', '198.51.100.1'))).toBe('198.51.100.1');
    // From an untrusted peer the header is the client's own claim.
    expect(address.of(request('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    // No header, a malformed hop, or only proxies: the peer.
    expect(address.of(request('10.1.2.3'))).toBe('10.1.2.3');
    expect(address.of(request('10.1.2.3', 'not-an-ip, 198.51.100.1, junk'))).toBe('10.1.2.3');
    expect(address.of(request('10.1.2.3', '10.9.9.9'))).toBe('10.1.2.3');
  });

  it('accepts addresses and CIDR ranges only', () => {
    for (const ok of ['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']) expect(isAddressOrRange(ok)).toBe(true);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.0/8/1', '', '10.0.0.0/x']) expect(isAddressOrRange(bad)).toBe(false);
  });
});
