import { describe, expect, it } from 'vitest';
import { checkPasswordStrength } from './password-policy.js';

const field = 'input.password';

async function failure(password: string, inputs: string[] = []): Promise<string> {
  try {
    await checkPasswordStrength(password, inputs, field);
  } catch (error) {
    expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    return (error as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(password)} to be rejected`);
}

describe('checkPasswordStrength', async () => {
  it('accepts long unpredictable passphrases', async () => {
    await expect(checkPasswordStrength('correct horse battery staple', [], field)).resolves.toBeUndefined();
    await expect(checkPasswordStrength('Vx9#kq!Lm2$pZ', [], field)).resolves.toBeUndefined();
  });

  it('enforces 10 to 128 characters', async () => {
    expect(await failure('Vx9#kq!Lm')).toBe('input.password must be 10 to 128 characters long.');
    expect(await failure('Vx9#kq!Lm2$pZ'.repeat(10))).toBe('input.password must be 10 to 128 characters long.');
  });

  it('explains why a common password is weak', async () => {
    expect(await failure('password123')).toBe('input.password is too weak. This is a commonly used password. Add more words that are less common.');
  });

  it('rejects repeated patterns', async () => {
    expect(await failure('hunter2hunter2')).toMatch(/^input\.password is too weak\. Repeated character patterns/);
  });

  it('counts the username, email and name as guessable words', async () => {
    await expect(checkPasswordStrength('zanzibarquokka7', [], field)).resolves.toBeUndefined();
    expect(await failure('zanzibarquokka7', ['zanzibarquokka'])).toMatch(/personal or page related data/);
    expect(await failure('wonderland1234', ['somebody', 'wonderland@example.com'])).toMatch(/^input\.password is too weak\./);
  });
});
