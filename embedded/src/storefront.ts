import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@bookstore/kit';
import type * as WebSite from '@bookstore/web/site';

/**
 * The storefront the router serves at `/` in embedded mode. A bundle (the embedded image,
 * `npm run build`) carries the built files beside it in `web/`; run from the sources
 * (`npm start`), web/dist is built first when missing or older than web/src.
 */
export async function storefrontSite(logger: Logger): Promise<{ dir: string }> {
  const bundled = fileURLToPath(new URL('./web', import.meta.url));
  if (existsSync(`${bundled}/index.html`)) return { dir: bundled };
  // Not a literal: a bundle never reaches this line, and must not pull in Vite.
  const module = '@bookstore/web/site';
  const { ensureSiteBuilt } = (await import(module)) as typeof WebSite;
  return { dir: await ensureSiteBuilt((message) => logger.warn(message)) };
}
