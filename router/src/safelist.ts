import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ForbiddenError } from '@bookstore/server-core';

/**
 * Safelist mode: only operations listed in a manifest run (Apollo's persisted query manifest
 * format, `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id",
 * "body", ... }] }`). Operations are matched by the SHA-256 of their exact text, so clients send
 * the documents they were built with.
 */
export class Safelist {
  private constructor(
    private readonly hashes: ReadonlySet<string>,
    /** The manifest's operation names: metric labels from the first request (ServiceMetrics.trustOperationNames). */
    readonly names: readonly string[],
  ) {}

  static fromManifest(path: string): Safelist {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { format?: string; operations?: { body?: unknown; name?: unknown }[] };
    if (manifest.format !== 'apollo-persisted-query-manifest' || !Array.isArray(manifest.operations)) {
      throw new Error(`${path} is not an Apollo persisted query manifest`);
    }
    const bodies = manifest.operations.map((operation) => operation.body).filter((body): body is string => typeof body === 'string');
    const names = manifest.operations.map((operation) => operation.name).filter((name): name is string => typeof name === 'string');
    return new Safelist(new Set(bodies.map(sha256)), names);
  }

  get size(): number {
    return this.hashes.size;
  }

  /** Throws FORBIDDEN for an operation that is not on the list. */
  check(query: string): void {
    if (!this.hashes.has(sha256(query))) throw new ForbiddenError('This operation is not on the safelist.');
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
