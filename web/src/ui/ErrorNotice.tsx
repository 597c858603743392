import { Link, useLocation } from 'react-router';
import { appErrors, type AppError } from '../client/errors';
import { formatDuration } from './format';
import { useSecondsLeft } from './useNow';
import { useState } from 'react';

/** What a person can do about each code (README "Errors"). */
function ErrorBody({ error }: { error: AppError }) {
  const location = useLocation();
  const [shownAt] = useState(() => Date.now());
  const retryAt = error.retryAfter !== undefined ? shownAt + error.retryAfter * 1000 : undefined;
  const secondsLeft = useSecondsLeft(retryAt);
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return (
        <>
          <p>{error.message}</p>
          <p>
            <Link to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}>Sign in</Link> to continue.
          </p>
        </>
      );
    case 'FORBIDDEN':
      return <p>{error.message || 'Your account may not do this.'}</p>;
    case 'RATE_LIMITED':
      return (
        <p>
          {error.message}{' '}
          {retryAt !== undefined && (secondsLeft > 0 ? <strong>Try again in {formatDuration(secondsLeft)}.</strong> : <strong>You can try again now.</strong>)}
        </p>
      );
    case 'INTERNAL_SERVER_ERROR':
      return (
        <>
          <p>Something went wrong on our side. Please try again in a moment.</p>
          {error.requestId && (
            <p>
              If it keeps happening, quote this reference to the shop: <code className="request-id">{error.requestId}</code>
            </p>
          )}
        </>
      );
    case 'SERVICE_UNAVAILABLE':
      return <p>{error.message} Please try again later.</p>;
    default:
      return <p>{error.message}</p>;
  }
}

const titles: Record<string, string> = {
  UNAUTHENTICATED: 'Please sign in',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'That could not be done',
  OUT_OF_STOCK: 'Out of stock',
  PAYMENT_DECLINED: 'Payment declined',
  RATE_LIMITED: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  INTERNAL_SERVER_ERROR: 'Something went wrong',
  NETWORK: 'Offline',
  BAD_USER_INPUT: 'Please check your input',
};

/**
 * The errors of a failed operation, each with what the person can do about it. Rendered as an
 * alert so screen readers announce it when it appears.
 */
export function ErrorNotice({ error, errors, onRetry }: { error?: unknown; errors?: AppError[]; onRetry?: () => void }) {
  const list = errors ?? appErrors(error);
  if (list.length === 0) return null;
  const first = list[0]!;
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{titles[first.code] ?? 'Something went wrong'}</p>
      {list.slice(0, 3).map((each, index) => (
        <ErrorBody key={index} error={each} />
      ))}
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
