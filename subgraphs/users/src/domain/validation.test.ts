import { describe, expect, it } from 'vitest';
import { parseEmail, parseLogin, parseName, parseUsername } from './validation.js';

const rejects = (fn: () => unknown, message: string) => {
  try {
    fn();
  } catch (error) {
    expect(error).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    return;
  }
  throw new Error('expected a BAD_USER_INPUT error');
};

describe('parseEmail', () => {
  it('trims and lower-cases', () => {
    expect(parseEmail('  Alice.Smith+Books@Example.COM ', 'input.email')).toBe('alice.smith+books@example.com');
  });

  it.each(['', 'alice', 'alice@', '@example.com', 'alice@example', 'alice@@example.com', 'al ice@example.com', 'alice@-example.com'])(
    'rejects %j naming the field',
    (value) => rejects(() => parseEmail(value, 'input.email'), 'input.email must be a valid email address.'),
  );

  it('accepts 254 characters and rejects 255', () => {
    const at254 = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(at254).toHaveLength(254);
    expect(parseEmail(at254, 'input.email')).toBe(at254);
    rejects(() => parseEmail(`x${at254}`, 'input.email'), 'input.email must be at most 254 characters.');
  });
});

describe('parseUsername', () => {
  it.each(['abc', 'Alice_Smith', 'j.doe-42', `a${'b'.repeat(29)}`])('accepts %j', (value) => {
    expect(parseUsername(value, 'input.username')).toBe(value);
  });

  it('trims but keeps the casing', () => {
    expect(parseUsername('  BookWorm ', 'input.username')).toBe('BookWorm');
  });

  it.each(['ab', `a${'b'.repeat(30)}`])('rejects the length of %j', (value) =>
    rejects(() => parseUsername(value, 'input.username'), 'input.username must be 3 to 30 characters long.'),
  );

  it.each(['1abc', '_abc', 'ab cd', 'abc@d', 'émile'])('rejects the characters of %j', (value) =>
    rejects(() => parseUsername(value, 'input.username'), 'input.username must start with a letter and contain only letters, digits, "_", "." and "-".'),
  );
});

describe('parseName', () => {
  it('treats blank and missing as no name', () => {
    expect(parseName('   ', 'input.name')).toBeNull();
    expect(parseName(null, 'input.name')).toBeNull();
    expect(parseName(undefined, 'input.name')).toBeNull();
  });

  it('accepts 100 characters and rejects 101', () => {
    expect(parseName(` ${'n'.repeat(100)} `, 'input.name')).toBe('n'.repeat(100));
    rejects(() => parseName('n'.repeat(101), 'input.name'), 'input.name must be at most 100 characters.');
  });
});

describe('parseLogin', () => {
  it('reads an email when there is an "@", lower-cased', () => {
    expect(parseLogin(' Alice@Example.com ')).toEqual({ kind: 'email', email: 'alice@example.com' });
  });

  it('reads a username otherwise', () => {
    expect(parseLogin(' BookWorm ')).toEqual({ kind: 'username', username: 'BookWorm' });
  });
});
