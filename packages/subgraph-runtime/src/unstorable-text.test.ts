import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findUnstorableText, unstorableCharacter, unstorableTextError } from './unstorable-text.js';

function find(query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const document = parse(query);
  return findUnstorableText(document, getOperationAST(document, operationName)!, variables);
}

describe('unstorable text', () => {
  it.each([
    ['NUL', 'a\u0000b', 0x0000, 'control'],
    ['BEL', 'a\u0007b', 0x0007, 'control'],
    ['ESC', '\u001b[31m', 0x001b, 'control'],
    ['vertical tab', 'a\u000bb', 0x000b, 'control'],
    ['a lone high surrogate at the end', 'ab\ud800', 0xd800, 'surrogate'],
    ['a lone low surrogate', '\udc00ab', 0xdc00, 'surrogate'],
    ['two high surrogates', '\ud800\ud800\udc00', 0xd800, 'surrogate'],
  ])('refuses %s', (_name, text, codeUnit, kind) => {
    expect(unstorableCharacter(text)).toEqual({ codeUnit, kind });
  });

  it.each([
    ['tab, LF and CR', 'a\tb\nc\r\n'],
    ['an emoji (a valid surrogate pair)', 'read 📚 twice'],
    ['accents and other scripts', 'Café 東京 Ωμέγα'],
    ['DEL and C1 controls (storable, not C0)', 'a\u007fb\u0085c'],
  ])('accepts %s', (_name, text) => {
    expect(unstorableCharacter(text)).toBeUndefined();
  });

  it('names the first bad character of a text', () => {
    expect(unstorableCharacter('x\ud800y\u0001')).toEqual({ codeUnit: 0xd800, kind: 'surrogate' });
    expect(unstorableCharacter('x\u0001y\ud800')).toEqual({ codeUnit: 0x0001, kind: 'control' });
  });

  it('names inline literals by argument path, through input objects and lists', () => {
    expect(find('mutation { createBook(input: { title: "ok", authorNames: ["a", "b\\u0000c"] }) { id } }')).toEqual({ field: 'input.authorNames[1]', codeUnit: 0, kind: 'control' });
    expect(find('mutation { placeOrder(input: { shippingAddress: { line1: "1 Quay\\u0007" } }, idempotencyKey: "k") { id } }')?.field).toBe('input.shippingAddress.line1');
    expect(find('mutation { cancelOrder(id: "x", reason: "a\\u0000") { id } }')?.field).toBe('reason');
  });

  it('names variables by the argument that uses them, not by the variable', () => {
    const query = 'mutation($i: PlaceOrderInput!, $key: String) { placeOrder(input: $i, idempotencyKey: $key) { id } }';
    expect(find(query, { i: { shippingAddress: { line1: 'a\u0000b' } }, key: 'k' })?.field).toBe('input.shippingAddress.line1');
    expect(find(query, { i: { items: [{ bookId: 'x' }, { bookId: 'y\ud800' }] } })?.field).toBe('input.items[1].bookId');
    expect(find(query, { i: {}, key: 'k\u0000' })?.field).toBe('idempotencyKey');
  });

  it('follows variables inside literals, default values and fragments', () => {
    expect(find('mutation($line: String!) { placeOrder(input: { shippingAddress: { line1: $line } }) { id } }', { line: '\u0000' })?.field).toBe('input.shippingAddress.line1');
    expect(find('query($s: String = "a\\u0000") { books(filter: { search: $s }) { totalCount } }')?.field).toBe('filter.search');
    expect(find('query($s: String = "a\\u0000") { books(filter: { search: $s }) { totalCount } }', { s: 'fine' })).toBeUndefined();
    expect(find('query($id: ID!) { ...F } fragment F on Query { book(id: $id) { title } }', { id: 'a\u0000' })?.field).toBe('id');
    expect(find('query { books { edges { node { ...G } } } } fragment G on Book { reviews(after: "\\u0001") { totalCount } }')?.field).toBe('after');
  });

  it('reads only the chosen operation and the variables an argument uses', () => {
    const two = 'query A { book(id: "a\\u0000") { title } } query B($unused: String) { books { totalCount } }';
    expect(find(two, { unused: '\u0000' }, 'B')).toBeUndefined();
    expect(find(two, {}, 'A')?.field).toBe('id');
  });

  it('accepts clean operations, numbers and enums', () => {
    expect(find('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: { email: 'a@b.c', username: 'x', password: 'p\tq', name: 'Zoë 📚' } })).toBeUndefined();
    expect(find('{ books(first: 3, sort: TITLE) { totalCount } }')).toBeUndefined();
  });

  it('walks variables nested 100,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found = find('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: deep });
    expect(found?.kind).toBe('control');
    expect(found?.field.startsWith('representations[0][0]')).toBe(true);
    let object: unknown = { leaf: 'ok' };
    for (let i = 0; i < 100_000; i++) object = { next: object };
    expect(find('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [object] })).toBeUndefined();
  });

  it('makes a BAD_USER_INPUT error naming the field, with HTTP 400', () => {
    const error = unstorableTextError({ field: 'input.title', codeUnit: 0, kind: 'control' });
    expect(error.message).toBe('input.title contains a control character (U+0000).');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title', http: { status: 400 } });
    expect(unstorableTextError({ field: 'input.body', codeUnit: 0xd800, kind: 'surrogate' }).message).toBe('input.body contains an unpaired surrogate (U+D800), which is not valid Unicode text.');
  });

  it('leaves lone surrogates in literals to the parser, which refuses them', () => {
    expect(() => parse('{ book(id: "\\ud800") { title } }')).toThrow(/Invalid Unicode escape/);
  });
});
