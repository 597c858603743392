import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('orders config', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4003, HOST: '127.0.0.1', DATA_DIR: '.data', PAYMENT_WINDOW_SECONDS: 900, QUEUE_PREFIX: 'bookstore' });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('takes a payment window from 10 seconds to a day', () => {
    expect(loadConfig({ PAYMENT_WINDOW_SECONDS: '10' }).PAYMENT_WINDOW_SECONDS).toBe(10);
    expect(loadConfig({ PAYMENT_WINDOW_SECONDS: '86400' }).PAYMENT_WINDOW_SECONDS).toBe(86_400);
    for (const bad of ['9', '86401', '1.5', 'soon']) expect(() => loadConfig({ PAYMENT_WINDOW_SECONDS: bad })).toThrow(/PAYMENT_WINDOW_SECONDS:/);
  });

});
