import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Fields never written to logs, whatever object they appear in. */
const redact = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.card',
  '*.number',
  '*.cvc',
  // A failed statement's parameters (drizzle's `params`, postgres.js's `parameters`), wherever an
  // error object ends up outside the `err` key the serializer below cleans.
  '*.params',
  '*.parameters',
];

/**
 * Every logger of every process: pino JSON with secrets redacted, and errors (under any key, or
 * logged bare) cleaned by `safeError`, so a failed SQL statement is logged with its text and
 * Postgres code but never its parameters: passwords, hashes, tokens, emails.
 * `destination` is for tests that read the lines.
 */
export function createLogger(name: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: { paths: redact, censor: '[redacted]' },
    serializers: { err: safeError },
    formatters: { log: safeErrorsIn },
    hooks: {
      // pino takes a bare `logger.error(error)` message from error.message, which for drizzle
      // carries the parameters: log it as `{ err }` with the cleaned message instead.
      logMethod(this: Logger, args: Parameters<Logger['error']>, method: (...args: unknown[]) => void) {
        const [first, ...rest] = args as unknown[];
        if (!isErrorLike(first)) return method.apply(this, args as unknown[]);
        const err = safeError(first);
        return method.apply(this, [{ err }, ...(rest.length > 0 ? rest : [err.message])]);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** An error as logs may show it: plain data, parameters and row values removed, causes kept. */
export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  cause?: SafeError;
  [key: string]: unknown;
}

// Properties of driver errors that hold a statement's values: drizzle's `params`, postgres.js's
// `parameters`/`args`/`types`, and Postgres' `detail` ("Key (email)=(…) already exists", "Failing
// row contains (…)"), `where` ("unnamed portal parameter $1 = '…'") and `internalQuery`.
const VALUE_KEYS = new Set(['params', 'parameters', 'args', 'types', 'detail', 'where', 'internalQuery', 'raw']);
const SAFE = Symbol('safe error');
const MAX_CAUSES = 5;

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** The message without values: drizzle appends "\nparams: …"; Postgres quotes a refused value in data exceptions (22xxx). */
function safeMessage(error: Error & { code?: unknown }): string {
  let message = error.message;
  // The first occurrence is drizzle's separator after the SQL text (ours); anything after it came from the caller.
  const params = message.indexOf('\nparams: ');
  if (params >= 0) message = message.slice(0, params);
  if (typeof error.code === 'string' && error.code.startsWith('22')) message = message.replace(/"[^"]*"/g, '"[redacted]"');
  return message;
}

/**
 * An error (and its causes, and an AggregateError's errors) as plain data that may be logged:
 * the SQL text of a failed statement, its Postgres code, constraint and table stay; parameter
 * values, row details and values quoted in messages go, from the message and the stack too.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!isErrorLike(error)) return error as SafeError;
  if ((error as unknown as Record<symbol, unknown>)[SAFE]) return error as unknown as SafeError;
  const message = safeMessage(error);
  // The error's own name when it has one (PostgresError, GraphQLError); else its class (DrizzleQueryError), as pino names it.
  const type = error.name && error.name !== 'Error' ? error.name : error.constructor?.name || 'Error';
  const safe: SafeError = { type, message };
  Object.defineProperty(safe, SAFE, { value: true });
  if (typeof error.stack === 'string') {
    // The stack begins with the original message: swap it, or drop the head if it is not found.
    safe.stack = error.stack.includes(error.message) ? error.stack.replace(error.message, () => message) : `${type}: ${message}${error.stack.slice(Math.max(0, error.stack.indexOf('\n    at ')))}`;
  }
  for (const key of Object.keys(error)) {
    if (VALUE_KEYS.has(key) || key === 'cause' || key === 'message' || key === 'stack') continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    safe[key] = isErrorLike(value) && depth < MAX_CAUSES ? safeError(value, depth + 1) : value;
  }
  if (Array.isArray((error as { errors?: unknown }).errors) && depth < MAX_CAUSES) safe['errors'] = (error as unknown as { errors: unknown[] }).errors.map((e) => safeError(e, depth + 1));
  if (isErrorLike(error.cause) && depth < MAX_CAUSES) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}

/**
 * `safeError` applied to the error itself, for errors that are stored and not only logged:
 * bullmq keeps a failed job's message and stack in Redis, where queue dashboards show them.
 */
export function stripValues(error: unknown, depth = 0): void {
  if (!isErrorLike(error) || depth > MAX_CAUSES) return;
  const safe = safeError(error);
  if (safe.message !== error.message) {
    error.message = safe.message;
    if (safe.stack) error.stack = safe.stack;
  }
  // postgres.js makes its (non-enumerable) `parameters` permanent: those stay, unserialized.
  for (const key of VALUE_KEYS) Reflect.deleteProperty(error, key);
  stripValues(error.cause, depth + 1);
}

/** `formatters.log`: every error in a log call's object is cleaned, whatever its key. */
function safeErrorsIn(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(object)) {
    if (!isErrorLike(value)) continue;
    copy ??= { ...object };
    copy[key] = safeError(value);
  }
  return copy ?? object;
}

/** An error as text for a person's console (start-up failures): stack and causes, cleaned like logs. */
export function safeErrorText(error: unknown): string {
  if (!isErrorLike(error)) return String(error);
  const lines: string[] = [];
  for (let safe: SafeError | undefined = safeError(error); safe; safe = safe.cause) {
    const code = typeof safe['code'] === 'string' ? ` [${safe['code']}]` : '';
    lines.push(`${lines.length > 0 ? 'caused by: ' : ''}${safe.stack ?? `${safe.type}: ${safe.message}`}${code}`);
  }
  return lines.join('\n');
}

/**
 * Times a process's start, one info line per phase (`{ phase, ms, cpuMs }`), so where a slow
 * start spends its time shows in the logs rather than in guesses. `cpuMs` is the process's CPU
 * time in the phase, which a busy machine inflates far less than the wall time `ms`. Each phase
 * is measured from the end of the previous one; the first from the timer's creation.
 */
export function startupPhases(logger: Logger): (phase: string, fields?: Record<string, unknown>) => void {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return (phase, fields = {}) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    logger.info({ phase, ms: Math.round(now - last), cpuMs: Math.round((cpu.user + cpu.system) / 1000), ...fields }, `start-up: ${phase}`);
    last = now;
    lastCpu = process.cpuUsage();
  };
}
