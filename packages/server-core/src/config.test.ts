import { describe, expect, it } from 'vitest';
import { assertRedisInServicesMode, ConfigError, parseEnv, sharedEnvSchema } from './config.js';
import { env } from './config.js';

const schema = sharedEnvSchema.extend({ PORT: env.port(4001), DEBUG_SQL: env.bool(false) });

describe('config', () => {
  it('applies defaults and coerces values', () => {
    const config = parseEnv(schema, { PORT: '5000', DEBUG_SQL: 'yes' });
    expect(config).toMatchObject({ PORT: 5000, DEBUG_SQL: true, NODE_ENV: 'development', JWT_AUDIENCE: 'bookstore' });
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv(schema, { PORT: '' }).PORT).toBe(4001);
  });

  it('fails fast naming every bad variable', () => {
    let error: unknown;
    try {
      parseEnv(schema, { PORT: 'eighty', NODE_ENV: 'staging', JWKS_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/NODE_ENV/);
    expect(message).toMatch(/JWKS_URL/);
  });

  it('requires REDIS_URL in services mode, naming it', () => {
    expect(() => assertRedisInServicesMode({ DATABASE_URL: 'postgres://db/bookstore' })).toThrow(/REDIS_URL: required when DATABASE_URL is set/);
    expect(() => assertRedisInServicesMode({ DATABASE_URL: 'postgres://db/x', REDIS_URL: 'redis://cache:6379' })).not.toThrow();
    expect(() => assertRedisInServicesMode({})).not.toThrow();
  });
});
