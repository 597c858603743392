import { buildSchema, GraphQLError, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ValidatedDocuments } from './validated-documents.js';

const schema = buildSchema('type Query { a: Int b: Int } type Subscription { changed: Int }');
const codes = (result: unknown) => (Array.isArray(result) ? result.map((e: GraphQLError) => e.extensions['code']) : 'a document');

describe('ValidatedDocuments', () => {
  it('gives the same document for the same text and schema, and parses again for another schema', () => {
    const documents = new ValidatedDocuments();
    const first = documents.documentOf(schema, 'subscription { changed }');
    expect(codes(first)).toBe('a document');
    expect(documents.documentOf(schema, 'subscription { changed }')).toBe(first);
    const other = buildSchema('type Query { a: Int } type Subscription { changed: Int }');
    const forOther = documents.documentOf(other, 'subscription { changed }');
    expect(codes(forOther)).toBe('a document');
    expect(forOther).not.toBe(first);
  });

  it('refuses what does not parse or validate, with coded errors, every time', () => {
    const documents = new ValidatedDocuments();
    expect(codes(documents.documentOf(schema, 'subscription {'))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codes(documents.documentOf(schema, '{ nope }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(codes(documents.documentOf(schema, '{ nope }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it("applies the server's own rules besides the spec's", () => {
    const noB: ValidationRule = (context) => ({ Field: (node) => (node.name.value === 'b' ? context.reportError(new GraphQLError('b is refused')) : undefined) });
    const documents = new ValidatedDocuments([noB]);
    expect(codes(documents.documentOf(schema, '{ a }'))).toBe('a document');
    const refused = documents.documentOf(schema, '{ b }');
    expect(codes(refused)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((refused as GraphQLError[])[0]!.message).toBe('b is refused');
  });

  it('keeps at most its budget of text, dropping the oldest first', () => {
    const documents = new ValidatedDocuments([], 20); // two of the 9-character operations below
    const a = documents.documentOf(schema, '{ a   a }');
    const b = documents.documentOf(schema, '{ b   b }');
    expect(documents.documentOf(schema, '{ a   a }')).toBe(a);
    documents.documentOf(schema, '{ a b a }'); // a third: the oldest goes
    expect(documents.documentOf(schema, '{ b   b }')).toBe(b);
    expect(documents.documentOf(schema, '{ a   a }')).not.toBe(a);
    // Longer than the whole budget: answered, never kept.
    const long = `{ ${'a '.repeat(20)}}`;
    expect(documents.documentOf(schema, long)).not.toBe(documents.documentOf(schema, long));
  });
});
