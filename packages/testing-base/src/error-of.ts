import { expect } from 'vitest';
import type { GraphQLResponse } from './graphql.js';

/** Runs `fn` and returns the `extensions` of the coded error it throws, with its message. */
export function errorOf(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    expect(extensions?.['code']).toBeDefined();
    return { ...extensions, message: (error as Error).message };
  }
  throw new Error('expected an error');
}

/**
 * Asserts a refused operation: nothing at the error's path (the field, or all of `data`), and
 * `extensions.code` is `code`. When given, `extensions.field` is `field` (and for BAD_USER_INPUT
 * the message names it, as every bad input's must) and the message matches `message` (a part of
 * it, or a pattern).
 */
export function expectError(response: GraphQLResponse, code: string, expected: { field?: string; message?: string | RegExp } = {}): void {
  const [error] = response.errors ?? [];
  const atPath = (error?.path ?? []).reduce<unknown>((value, key) => (value === null || value === undefined ? value : (value as Record<string | number, unknown>)[key]), response.data);
  expect(atPath ?? null, JSON.stringify(response.data)).toBeNull();
  expect(error?.extensions?.code, JSON.stringify(response.errors)).toBe(code);
  if (expected.field !== undefined) {
    expect(error?.extensions?.['field']).toBe(expected.field);
    if (code === 'BAD_USER_INPUT') expect(error?.message).toContain(expected.field);
  }
  if (expected.message !== undefined) expect(error?.message).toMatch(expected.message);
}
