import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH, requestShapeError } from './http.js';

/** `{"v":{"v":...}}` or `[[...]]`, `levels` containers deep in all (the body itself is the first). */
function nested(levels: number, kind: 'object' | 'array' | 'mixed'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === 'array' || (kind === 'mixed' && i % 2) ? [value] : { v: value };
  return value;
}

describe('requestShapeError', () => {
  it.each(['object', 'array', 'mixed'] as const)('refuses %s nesting deeper than MAX_BODY_DEPTH and lets the limit itself through', (kind) => {
    const search = new URLSearchParams();
    expect(requestShapeError({ query: '{ a }', variables: nested(MAX_BODY_DEPTH - 1, kind) }, search)).toBeUndefined();
    expect(requestShapeError({ query: '{ a }', variables: nested(MAX_BODY_DEPTH, kind) }, search)?.message).toBe(`The request is nested more than ${MAX_BODY_DEPTH} levels deep.`);
    expect(requestShapeError({ query: '{ a }', variables: { wide: Array.from({ length: 1000 }, () => nested(5, kind)) } }, search)).toBeUndefined();
  });
});
