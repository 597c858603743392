import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCESS_TOKEN_ALGORITHM, ConfigError } from '@bookstore/server-core';
import { calculateJwkThumbprint, type JSONWebKeySet, type JWK } from 'jose';

/** The key pair that signs access tokens, and the public half as served to verifiers. */
export interface SigningKeys {
  /** RFC 7638 thumbprint of the public key; every token names it in its `kid` header. */
  kid: string;
  privateKey: KeyObject;
  /** Served at `/.well-known/jwks.json`; the router and every subgraph verify against it. */
  jwks: JSONWebKeySet;
}

export interface SigningKeySource {
  /** PKCS8 PEM of a P-256 private key (config `JWT_PRIVATE_KEY`); used whenever given. */
  privateKeyPem?: string;
  /**
   * Without a PEM, a generated key is kept at `<dataDir>/jwt-signing-key.pem` (mode 0600) so
   * restarts keep issued tokens valid. Without either, the key lives only as long as the process.
   */
  dataDir?: string;
  /** Production needs `privateKeyPem`: replicas must share one key that no volume loss can rotate. */
  production: boolean;
}

export const SIGNING_KEY_FILE = 'jwt-signing-key.pem';

export async function loadSigningKeys(source: SigningKeySource): Promise<SigningKeys> {
  if (source.privateKeyPem) return signingKeysFromPem(source.privateKeyPem, 'JWT_PRIVATE_KEY');
  if (source.production) {
    throw new ConfigError([
      'JWT_PRIVATE_KEY: required in production, as the PKCS8 PEM of a P-256 key ' +
        '(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256).',
    ]);
  }
  if (source.dataDir === undefined) return signingKeysFromPem(generatePem(), 'the generated key');
  const file = join(source.dataDir, SIGNING_KEY_FILE);
  return signingKeysFromPem(await readOrCreateKeyFile(source.dataDir, file), file);
}

async function signingKeysFromPem(pem: string, origin: string): Promise<SigningKeys> {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new ConfigError([`${origin}: not a PEM private key.`]);
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ConfigError([`${origin}: must be an EC P-256 key, as access tokens are ${ACCESS_TOKEN_ALGORITHM}.`]);
  }
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  return { kid, privateKey, jwks: { keys: [{ ...publicJwk, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' }] } };
}

function generatePem(): string {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

async function readOrCreateKeyFile(dataDir: string, file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  await mkdir(dataDir, { recursive: true });
  // Written aside, then linked into place: link() is atomic and fails if another process got
  // there first, so a concurrent start never reads a half-written key and all agree on one.
  const draft = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, generatePem(), { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  } finally {
    await unlink(draft);
  }
  return readFile(file, 'utf8');
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
