import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-policy.js';

const field = 'input.password';

function failure(password: string, inputs: string[] = []): string {
  try {
    checkPasswordStrength(password, inputs, field);
  } catch (error) {
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(password)} to be rejected`);
}

describe('checkPasswordStrength', () => {
  it('accepts long unpredictable passphrases', () => {
    expect(() => checkPasswordStrength('correct horse battery staple', [], field)).not.toThrow();
    expect(() => checkPasswordStrength('Vx9#kq!Lm2$pZ', [], field)).not.toThrow();
  });

  it('enforces 10 to 128 characters', () => {
    expect(failure('Vx9#kq!Lm')).toBe('input.password must be 10 to 128 characters long.');
    expect(failure('Vx9#kq!Lm2$pZ'.repeat(10))).toBe('input.password must be 10 to 128 characters long.');
  });

  it('explains why a common password is weak', () => {
    expect(failure('password123')).toBe('input.password is too weak. This is a commonly used password. Add more words that are less common.');
  });

  it('rejects repeated patterns', () => {
    expect(failure('hunter2hunter2')).toMatch(/^input\.password is too weak\. Repeated character patterns/);
  });

  it('counts the username, email and name as guessable words', () => {
    expect(() => checkPasswordStrength('zanzibarquokka7', [], field)).not.toThrow();
    expect(failure('zanzibarquokka7', ['zanzibarquokka'])).toMatch(/personal or page related data/);
    expect(failure('wonderland1234', ['somebody', 'wonderland@example.com'])).toMatch(/^input\.password is too weak\./);
  });
});
