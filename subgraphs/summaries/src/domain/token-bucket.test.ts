import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

function bucketAt(perMinute: number) {
  const clock = { now: 0 };
  return { clock, bucket: new TokenBucket({ perMinute, now: () => clock.now }) };
}

describe('the token bucket', () => {
  it('allows a burst of perMinute, then says how long until the next token', () => {
    const { bucket } = bucketAt(30);
    for (let i = 0; i < 30; i++) expect(bucket.take()).toBe(0);
    // 30 a minute: one token every 2 s.
    expect(bucket.take()).toBe(2_000);
  });

  it('refills continuously at perMinute, and a refused call takes nothing', () => {
    const { clock, bucket } = bucketAt(60);
    for (let i = 0; i < 60; i++) bucket.take();
    clock.now = 500;
    expect(bucket.take()).toBe(500);
    expect(bucket.take()).toBe(500);
    clock.now = 1_000;
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(1_000);
  });

  it('never holds more than perMinute tokens, however long it was idle', () => {
    const { clock, bucket } = bucketAt(2);
    clock.now = 3_600_000;
    expect([bucket.take(), bucket.take()]).toEqual([0, 0]);
    expect(bucket.take()).toBe(30_000);
  });
});
