import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { assertTokenLimit, defaultLimits, operationRules } from './limits.js';

const schema = buildSchema('type Query { node: Node } type Node { id: ID! next: Node }');
const deep = `{ node { ${'next { '.repeat(12)}id${' }'.repeat(12)} } }`;

describe('operation limits', () => {
  it('names the limit outside production and hides it in production', () => {
    const exposed = validate(schema, parse(deep), [...specifiedRules, ...operationRules({ ...defaultLimits, exposeLimits: true })]);
    expect(exposed.map((e) => e.message).join(' ')).toMatch(/depth limit of 10/);
    const hidden = validate(schema, parse(deep), [...specifiedRules, ...operationRules({ ...defaultLimits, exposeLimits: false })]);
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.map((e) => e.message).join(' ')).not.toMatch(/\d/);
  });

  it('counts tokens before parsing, leaving syntax errors to the parser', () => {
    const big = `{ node { ${'id '.repeat(20)}} }`;
    expect(() => assertTokenLimit(big, { maxTokens: 10, exposeLimits: true })).toThrow(/Token limit of 10/);
    expect(() => assertTokenLimit(big, { maxTokens: 10, exposeLimits: false })).toThrow(/^The operation is too large\.$/);
    expect(() => assertTokenLimit(big, { maxTokens: 100, exposeLimits: false })).not.toThrow();
    expect(() => assertTokenLimit('{ "unterminated', { maxTokens: 10, exposeLimits: false })).not.toThrow();
  });

  it('prices a fragment spread as the fields it stands for, so colocated fragments cost what inline fields do', () => {
    const fields = `id ${'next { id next { id next { id } } } '.repeat(1)}`;
    const inline = `{ a: node { ${fields} } b: node { id } }`;
    const spread = `{ a: node { ...N } b: node { id } } fragment N on Node { ${fields} }`;
    const costErrors = (query: string, maxCost: number) =>
      validate(schema, parse(query), operationRules({ ...defaultLimits, maxCost, exposeLimits: true })).filter((e) => /cost/i.test(e.message)).map((e) => e.message);
    // Armor adds a little for the fragment itself; unflattened, the spread cost more than twice as much.
    let limit = 10;
    while (costErrors(inline, limit).length > 0) limit++;
    expect(costErrors(spread, Math.ceil(limit * 1.1))).toEqual([]);
  });
});
