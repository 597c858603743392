import type { IncomingMessage } from 'node:http';
import { parse, type OperationTypeNode } from 'graphql';

/** Distinct operation texts whose type is remembered (a parse each, once). */
const TYPE_CACHE_SIZE = 1_000;

/**
 * In-flight deduplication: identical queries (same text, operation, variables and caller
 * credentials) arriving while one is already running share its response instead of planning
 * and fetching again. Under load many clients ask the same thing at once (a catalogue page,
 * a book's reviews); only queries share, never mutations, and never across callers.
 */
export class InflightQueries {
  private readonly types = new Map<string, OperationTypeNode | 'invalid'>();

  /** The sharing key of a request, or undefined when it must run on its own. */
  keyOf(req: IncomingMessage, body: unknown): string | undefined {
    if (!body || typeof body !== 'object') return undefined;
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    if (this.typeOf(query, operationName ?? undefined) !== 'query') return undefined;
    return JSON.stringify([query, operationName ?? null, variables ?? null, req.headers.authorization ?? null]);
  }

  private typeOf(query: string, operationName: string | undefined): OperationTypeNode | 'invalid' {
    const cacheKey = `${operationName ?? ''}\n${query}`;
    let type = this.types.get(cacheKey);
    if (type === undefined) {
      type = operationType(query, operationName);
      if (this.types.size >= TYPE_CACHE_SIZE) this.types.delete(this.types.keys().next().value!);
      this.types.set(cacheKey, type);
    }
    return type;
  }
}

/** The type of the operation a request runs; invalid documents run alone and fail as usual. */
function operationType(query: string, operationName: string | undefined): OperationTypeNode | 'invalid' {
  try {
    const operations = parse(query, { noLocation: true }).definitions.filter((d) => d.kind === 'OperationDefinition');
    const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    return chosen?.operation ?? 'invalid';
  } catch {
    return 'invalid';
  }
}
