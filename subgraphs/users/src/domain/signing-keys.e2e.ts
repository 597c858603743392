import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@bookstore/server-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSigningKeys, SIGNING_KEY_FILE } from './signing-keys.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'users-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pem = (type: 'ec' | 'rsa' | 'ec-p384') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: type === 'ec' ? 'P-256' : 'P-384' })
  ).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

describe('loadSigningKeys', () => {
  it('generates a key once under dataDir, mode 0600, and reuses it on restart', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await loadSigningKeys({ dataDir, production: false });
    const file = join(dataDir, SIGNING_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const second = await loadSigningKeys({ dataDir, production: false });
    expect(second.kid).toBe(first.kid);
    expect(second.jwks).toEqual(first.jwks);
  });

  it('gives concurrent starts one key', async () => {
    const dataDir = join(dir, 'race');
    const loaded = await Promise.all([1, 2, 3].map(() => loadSigningKeys({ dataDir, production: false })));
    expect(new Set(loaded.map((keys) => keys.kid)).size).toBe(1);
  });

  it('uses a configured PEM, whatever the dataDir holds', async () => {
    const configured = pem('ec');
    const a = await loadSigningKeys({ privateKeyPem: configured, dataDir: join(dir, 'nested', 'data'), production: true });
    const b = await loadSigningKeys({ privateKeyPem: configured, production: false });
    expect(a.kid).toBe(b.kid);
    expect(a.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses to generate a key in production', async () => {
    await expect(loadSigningKeys({ dataDir: dir, production: true })).rejects.toThrow(ConfigError);
    await expect(loadSigningKeys({ production: true })).rejects.toThrow(/JWT_PRIVATE_KEY: required in production/);
  });

  it('rejects a PEM that is not a P-256 private key', async () => {
    await expect(loadSigningKeys({ privateKeyPem: 'not a pem', production: true })).rejects.toThrow(/JWT_PRIVATE_KEY: not a PEM private key/);
    await expect(loadSigningKeys({ privateKeyPem: pem('rsa'), production: true })).rejects.toThrow(/JWT_PRIVATE_KEY: must be an EC P-256 key/);
    await expect(loadSigningKeys({ privateKeyPem: pem('ec-p384'), production: true })).rejects.toThrow(/must be an EC P-256 key/);
  });

  it('makes a fresh in-memory key when given neither a PEM nor a dataDir', async () => {
    const [a, b] = await Promise.all([loadSigningKeys({ production: false }), loadSigningKeys({ production: false })]);
    expect(a.kid).not.toBe(b.kid);
  });
});
