import { fileURLToPath } from 'node:url';
import type { Logger } from '@bookstore/server-core';
import type * as WebSite from '@bookstore/web/site';

/** The storefront the router serves at `/` in embedded mode. */
export interface Storefront {
  /** Its built files. */
  dir: string;
  /** Settles once `dir` holds the whole build; rejects when the build fails. The router answers 503 until then. */
  built: Promise<void>;
}

/**
 * The storefront the router serves at `/` in embedded mode. In a checkout (`npm start`, its bundle
 * or the sources), web/dist is built when missing or older than web/src, while the rest starts:
 * the router, the API and Sandbox do not wait for Vite (web/site.js, plain JavaScript so the
 * bundle can import it). A bundle in an image has no web/site.js to import:
 * scripts/build.ts built web/dist and copied it beside the bundle, where this URL then points.
 */
export async function storefrontSite(logger: Logger): Promise<Storefront> {
  const copied = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  // Not a literal, so a bundle neither includes it nor pulls in Vite; in an image it is absent.
  const module = '@bookstore/web/site';
  const site = (await import(module).catch(() => undefined)) as typeof WebSite | undefined;
  if (!site) return { dir: copied, built: Promise.resolve() };
  // A start stopped meanwhile leaves the build running for the next one (parallel test files each
  // start and stop a stack); a process exiting meanwhile kills it (web/site.js).
  const built = site.ensureSiteBuilt((message) => logger.warn(message), { background: true }).then(() => undefined);
  // Whoever reads it reports a failure.
  built.catch(() => undefined);
  return { dir: site.siteDir, built };
}
