import { describe, expect, it } from 'vitest';
import { delayAfter, signInThrottle, unknownAccountKey } from './throttle.js';

describe('sign-in delays', () => {
  it('lets the first failures through, then doubles the wait from 1 s up to the cap', () => {
    const policy = signInThrottle.perAccountAddress;
    const waits = Array.from({ length: 16 }, (_, i) => delayAfter(policy, i + 1));
    expect(waits).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
  });

  it('keys an unknown login by a digest, never by the text typed', () => {
    const key = unknownAccountKey('someone@example.com');
    expect(key).toMatch(/^unknown:[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('someone');
    expect(unknownAccountKey('someone@example.com')).toBe(key);
  });
});
