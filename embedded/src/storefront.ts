import { fileURLToPath } from 'node:url';
import type { Logger } from '@bookstore/server-core';
import type * as WebSite from '@bookstore/web/site';

/**
 * The storefront the router serves at `/` in embedded mode. Run from the sources (`npm start`),
 * web/dist is built first when missing or older than web/src. A bundle (`npm run build`, the
 * embedded image) has no sources to build from: scripts/build.ts builds web/dist and copies it
 * beside the bundle, where this URL then points.
 */
export async function storefrontSite(logger: Logger): Promise<{ dir: string }> {
  const built = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  // Not a literal, so a bundle neither includes it nor pulls in Vite; in an image it is absent.
  const module = '@bookstore/web/site';
  const site = (await import(module).catch(() => undefined)) as typeof WebSite | undefined;
  if (!site) return { dir: built };
  return { dir: await site.ensureSiteBuilt((message) => logger.warn(message)) };
}
