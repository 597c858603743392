export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
  headers: Headers;
}

export interface GraphQLRequestOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A real HTTP GraphQL request, as a client would send it. */
export async function gql<T = Record<string, any>>( // eslint-disable-line @typescript-eslint/no-explicit-any
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GraphQLRequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url.endsWith('/graphql') ? url : `${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { ...body, status: response.status, headers: response.headers };
}

/** The single error code of a response, for concise assertions. */
export function errorCode(response: GraphQLResponse<unknown>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/**
 * Sends a `placeOrder` again until the orders subgraph knows its books, then returns the answer.
 * Orders learns books from the catalog's `book.changed` events, so a book created a moment ago is
 * refused (BAD_USER_INPUT on `input.items[n].bookId`, "names no book") until its event arrives;
 * a refused placement creates nothing, so sending it again is safe. Gives up after `timeoutMs`.
 */
export async function untilBooksKnown<T>(send: () => Promise<GraphQLResponse<T>>, timeoutMs = 15_000): Promise<GraphQLResponse<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await send();
    const refusal = response.errors?.[0];
    const unknownBook = refusal?.extensions?.code === 'BAD_USER_INPUT' && /^input\.items\[\d+\]\.bookId$/.test(String(refusal.extensions['field'])) && refusal.message.includes('names no book');
    if (!unknownBook || Date.now() > deadline) return response;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
