// Types of site.js (plain JavaScript, so the embedded bundle can import it on plain Node).

/** Where the built storefront is: web/dist. */
export declare const siteDir: string;

export interface SiteBuildOptions {
  /**
   * Vite runs at a lower CPU priority (niceness 10), behind the work it runs beside (embedded
   * mode's start, which serves `/` once the build ends); default false.
   */
  background?: boolean;
}

/**
 * web/dist, built first with Vite (in a process of its own) when missing or older than its
 * sources; one build at a time across processes. Resolves to its path. A build still running
 * when the process exits is killed, leaving neither its files nor its lock.
 */
export declare function ensureSiteBuilt(log?: (message: string) => void, options?: SiteBuildOptions): Promise<string>;
