import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('payments config', () => {
  it('has documented defaults: port 4004, PGlite under .data, in-process messaging', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4004, HOST: '127.0.0.1', DATA_DIR: '.data', QUEUE_PREFIX: 'bookstore' });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('names malformed variables', () => {
    expect(() => loadConfig({ PORT: 'http', REDIS_URL: 'not a url', QUEUE_PREFIX: 'has space' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^REDIS_URL:/), expect.stringMatching(/^QUEUE_PREFIX:/), expect.stringMatching(/^PORT:/)] }),
    );
  });
});
