import { pino, type Logger } from 'pino';

export type { Logger };

/** Fields never written to logs, whatever object they appear in. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.card',
  '*.number',
  '*.cvc',
];

export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, redact: { paths: redact, censor: '[redacted]' } });
}
