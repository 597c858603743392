import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { appErrors, fieldErrors, formLevelErrors } from './errors';

const graphqlErrors = (...errors: { message: string; extensions: Record<string, unknown> }[]) => new CombinedGraphQLErrors({ data: null, errors });

describe('API errors as pages see them', () => {
  it('keep the code, field, retryAfter and requestId the API sent', () => {
    const error = graphqlErrors(
      { message: 'input.card.number is not a valid card number.', extensions: { code: 'BAD_USER_INPUT', field: 'input.card.number' } },
      { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-42' } },
    );
    expect(appErrors(error)).toEqual([
      { code: 'BAD_USER_INPUT', message: 'input.card.number is not a valid card number.', field: 'input.card.number' },
      { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error.', requestId: 'req-42' },
    ]);
  });

  it('read a 429 from the router (plain JSON), with Retry-After when the body has no retryAfter', () => {
    const response = new Response('', { status: 429, headers: { 'retry-after': '12' } });
    const error = new ServerError('Response not successful', { response, bodyText: JSON.stringify({ errors: [{ message: 'Too many requests.', extensions: { code: 'RATE_LIMITED' } }] }) });
    expect(appErrors(error)).toEqual([{ code: 'RATE_LIMITED', message: 'Too many requests.', retryAfter: 12 }]);
  });

  it('turn a failed fetch into NETWORK', () => {
    expect(appErrors(new TypeError('Failed to fetch'))[0]?.code).toBe('NETWORK');
  });

  it('sort BAD_USER_INPUT by field, by full path and by last segment, and leave the rest to the form', () => {
    const error = graphqlErrors(
      { message: 'City is required.', extensions: { code: 'BAD_USER_INPUT', field: 'input.shippingAddress.city' } },
      { message: 'Out of stock.', extensions: { code: 'OUT_OF_STOCK' } },
    );
    expect(fieldErrors(error)).toEqual({ 'input.shippingAddress.city': 'City is required.', city: 'City is required.' });
    expect(formLevelErrors(error, ['city']).map((each) => each.code)).toEqual(['OUT_OF_STOCK']);
  });
});
