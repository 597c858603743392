import { createServer } from 'node:net';
import { PortInUseError } from '@bookstore/server-core';

/**
 * Checks every fixed port before anything opens the data directory, so a second copy of
 * embedded mode fails with a clear message instead of touching the first one's PGlite files.
 */
export async function assertPortsFree(ports: Record<string, number>, host: string): Promise<void> {
  for (const [service, port] of Object.entries(ports)) {
    if (port === 0) continue;
    await new Promise<void>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, service) : error));
      probe.listen(port, host, () => probe.close(() => resolve()));
    });
  }
}
