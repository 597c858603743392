import { ConfigError } from '@bookstore/server-core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('users config', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 4001, ACCESS_TOKEN_TTL_SECONDS: 900, REFRESH_TOKEN_TTL_DAYS: 30, ADMIN_USERNAME: 'admin' });
    expect(config.JWT_PRIVATE_KEY).toBeUndefined();
    expect(config.ADMIN_EMAIL).toBeUndefined();
  });

  it('turns escaped newlines of a one-line PEM into real ones', () => {
    const config = loadConfig({ JWT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----' });
    expect(config.JWT_PRIVATE_KEY).toBe('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----');
  });

  it('names malformed variables', () => {
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: 'soon', REFRESH_TOKEN_TTL_DAYS: '0' })).toThrow(
      expect.objectContaining({ problems: [expect.stringMatching(/^ACCESS_TOKEN_TTL_SECONDS:/), expect.stringMatching(/^REFRESH_TOKEN_TTL_DAYS:/)] }),
    );
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_EMAIL: 'root@example.com' })).toThrow(/ADMIN_PASSWORD: set both/);
    expect(loadConfig({ ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'x' })).toMatchObject({ ADMIN_EMAIL: 'root@example.com' });
  });
});
