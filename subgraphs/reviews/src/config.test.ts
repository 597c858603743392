import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('reviews config', () => {
  it('has documented defaults: port 4005, PGlite under .data, in-process messaging', () => {
    expect(loadConfig({})).toMatchObject({ PORT: 4005, HOST: '127.0.0.1', DATA_DIR: '.data', QUEUE_PREFIX: 'bookstore' });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('names malformed variables', () => {
    expect(() => loadConfig({ PORT: 'http', DATABASE_URL: 'not a url' })).toThrow(
      expect.objectContaining({ problems: expect.arrayContaining([expect.stringMatching(/^PORT:/), expect.stringMatching(/^DATABASE_URL:/)]) }),
    );
  });
});
