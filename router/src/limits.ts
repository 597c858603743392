import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ErrorCode, RequestError } from '@bookstore/server-core';
import { Lexer, Source, TokenKind, type GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

/** GraphQL Armor's defaults, each configurable (README, Security). */
export interface OperationLimits {
  /** Deepest selection allowed; default 10. */
  maxDepth: number;
  /** Aliases per operation; default 15. */
  maxAliases: number;
  /** Lexical tokens per document, checked before parsing; default 1000. */
  maxTokens: number;
  /** Directives per operation; default 50. */
  maxDirectives: number;
  /** Armor's cost estimate (objects 2, scalars 1, depth factor 1.5); default 5000. */
  maxCost: number;
  /** Production keeps the limits' values out of error messages. */
  exposeLimits: boolean;
}

export const defaultLimits: Omit<OperationLimits, 'exposeLimits'> = { maxDepth: 10, maxAliases: 15, maxTokens: 1000, maxDirectives: 50, maxCost: 5000 };

/**
 * The router's own validation rules, applied on top of the GraphQL spec's to every operation
 * before any subgraph is called: HTTP requests (Apollo Server's validationRules) and
 * subscriptions over WebSocket alike.
 */
export function operationRules(limits: OperationLimits): ValidationRule[] {
  // Reported as validation errors: Armor's default (throwing from the visitor) aborts validation.
  const common = {
    exposeLimits: limits.exposeLimits,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true }),
    maxAliasesRule({ ...common, n: limits.maxAliases }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives }),
    // Flattened, so a colocated fragment costs what its fields would written inline (CONVENTIONS 16);
    // Armor still prices a second spread of the same fragment at 1.5 times its fields.
    costLimitRule({ ...common, maxCost: limits.maxCost, flattenFragments: true }),
  ] as unknown as ValidationRule[];
}

/**
 * Counts a document's tokens with graphql's own lexer before anything parses it, so an
 * oversized document costs a linear scan and no AST. Syntax errors are left to the parser.
 */
export function assertTokenLimit(source: string, limits: Pick<OperationLimits, 'maxTokens' | 'exposeLimits'>): void {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++count > limits.maxTokens) break;
    }
  } catch {
    return;
  }
  if (count > limits.maxTokens) {
    const detail = limits.exposeLimits ? ` Token limit of ${limits.maxTokens} exceeded.` : '';
    throw new RequestError(`The operation is too large.${detail}`, ErrorCode.GRAPHQL_VALIDATION_FAILED);
  }
}
