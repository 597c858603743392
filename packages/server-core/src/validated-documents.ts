import { parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';
import { ErrorCode, RequestError } from './errors.js';

/** Characters of operation text kept per schema by default: about 1 MiB, some 10-20 MiB of syntax trees. */
export const VALIDATED_DOCUMENTS_BUDGET = 1 << 20;

/**
 * Operations parsed and validated (the spec's rules and the server's own) by their text, per
 * schema, as Apollo Server's document store does over HTTP: an operation sent again costs a map
 * lookup instead of graphql-js's parse and validate. Subscriptions repeat their text by the
 * thousand (every open storefront tab sends the same one, and all of them again after a restart):
 * at 1,000 subscribers, validation was an eighth of the router's busy time.
 *
 * Only valid operations are kept, so a flood of junk cannot evict them; an invalid one is checked
 * again each time, its errors made anew. The same text always gives the same DocumentNode, which
 * callers may key their own per-operation work on (the router's subscription plans). A schema no
 * longer in use takes its documents with it (a WeakMap), and the kept text is bounded by
 * `budget` characters per schema, the oldest entries going first.
 */
export class ValidatedDocuments {
  private readonly rules: readonly ValidationRule[];
  private readonly bySchema = new WeakMap<GraphQLSchema, { documents: Map<string, DocumentNode>; characters: number }>();

  constructor(
    /** Validation rules beyond the spec's (operation limits); they must depend on the document and schema alone. */
    rules: readonly ValidationRule[] = [],
    /** Characters of operation text kept per schema, default VALIDATED_DOCUMENTS_BUDGET. */
    private readonly budget = VALIDATED_DOCUMENTS_BUDGET,
  ) {
    this.rules = [...specifiedRules, ...rules];
  }

  /** The document of `query`, or the coded errors (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED) that refuse it. */
  documentOf(schema: GraphQLSchema, query: string): DocumentNode | RequestError[] {
    let kept = this.bySchema.get(schema);
    const known = kept?.documents.get(query);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      return [new RequestError(error instanceof Error ? error.message : String(error), ErrorCode.GRAPHQL_PARSE_FAILED)];
    }
    const invalid = validate(schema, document, this.rules);
    if (invalid.length > 0) return invalid.map((error) => new RequestError(error.message, ErrorCode.GRAPHQL_VALIDATION_FAILED));
    if (query.length > this.budget) return document;
    if (!kept) this.bySchema.set(schema, (kept = { documents: new Map(), characters: 0 }));
    for (const [oldest] of kept.documents) {
      if (kept.characters + query.length <= this.budget) break;
      kept.documents.delete(oldest);
      kept.characters -= oldest.length;
    }
    kept.documents.set(query, document);
    kept.characters += query.length;
    return document;
  }
}
