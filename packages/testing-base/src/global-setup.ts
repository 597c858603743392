import { connect } from 'node:net';
import postgres from 'postgres';
import { testConfig } from './config.js';

/**
 * Runs once before the suite: the e2e tests need the machine's real PostgreSQL and Redis, and
 * the suite fails (never skips) when either is unreachable.
 */
export default async function checkServices(): Promise<void> {
  const sql = postgres(testConfig.postgresAdminUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
  } catch (error) {
    throw new Error(`PostgreSQL is unreachable at ${testConfig.postgresAdminUrl} (${String(error)}). Start it; see README "Tests".`);
  } finally {
    await sql.end({ timeout: 1 });
  }
  await pingRedis(testConfig.redisUrl).catch((error: unknown) => {
    throw new Error(`Redis is unreachable at ${testConfig.redisUrl} (${String(error)}). Start it; see README "Tests".`);
  });
}

function pingRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const timer = setTimeout(() => socket.destroy(new Error('timed out')), 5_000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      clearTimeout(timer);
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(`unexpected reply ${JSON.stringify(data.toString())}`));
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
