import { describe, expect, it } from 'vitest';
import { continueTrace } from './trace-context.js';

describe('continueTrace', () => {
  it("keeps a caller's trace id and flags with a new parent id, and starts a trace otherwise", () => {
    const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const continued = continueTrace(caller, 'vendor=x');
    expect(continued.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(continued.traceparent).not.toContain('00f067aa0ba902b7');
    expect(continued.tracestate).toBe('vendor=x');
    for (const invalid of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const fresh = continueTrace(invalid, 'vendor=x');
      expect(fresh.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(fresh.tracestate).toBeUndefined();
    }
  });

  it('never repeats an id, across refills of the random pool', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => continueTrace(undefined, undefined).traceparent));
    expect(ids.size).toBe(1_000);
  });
});
