import { describe, expect, it } from 'vitest';
import { holdingEventLoop } from './event-loop-hold.js';

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('holdingEventLoop', () => {
  it('keeps a timer pending while the work runs, and none once it settles', async () => {
    const before = timers();
    expect(await holdingEventLoop(async () => timers())).toBe(before + 1);
    expect(timers()).toBe(before);
  });

  it('lets go when the work fails, and passes the failure on', async () => {
    const before = timers();
    await expect(
      holdingEventLoop(() => {
        throw new Error('no start');
      }),
    ).rejects.toThrow('no start');
    expect(timers()).toBe(before);
  });
});
