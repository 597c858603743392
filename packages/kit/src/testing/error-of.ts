import { expect } from 'vitest';

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
