import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, isUnexpectedError, RequestError } from './errors.js';
import type { RequestContext } from './request-context.js';

/** Logs errors that are not the client's fault, with the request id, before they are masked. */
export function logUnexpectedErrors<T extends Pick<RequestContext, 'log'>>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isUnexpectedError(error)) (contextValue.log ?? console).error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

/**
 * A subscription sent over HTTP is answered 400 BAD_REQUEST, as the router answers it: Apollo
 * would execute it as a query and fail with an uncoded error (an INTERNAL_SERVER_ERROR).
 */
export function refuseSubscriptionsOverHttp<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new RequestError('Subscriptions are served over WebSocket (graphql-ws) on this path, not over HTTP.', ErrorCode.BAD_REQUEST, 400);
          }
        },
      };
    },
  };
}
