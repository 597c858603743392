import { ROUTER_SECRET_HEADER, type Logger } from '@bookstore/server-core';
import { type Database } from '@bookstore/subgraph-runtime';
import { seedDemoCatalogue } from '@bookstore/catalog-subgraph';
import { hasLendingCopies, seedDemoLendingCopies } from '@bookstore/loans-subgraph';
import { addKnownBooks } from '@bookstore/orders-subgraph';
import { hasReviews, seedDemoReviews } from '@bookstore/reviews-subgraph';
import { extractiveProvider, hasSummaries, seedDemoSummaries } from '@bookstore/summaries-subgraph';
import { seedDemoUsers } from '@bookstore/users-subgraph';
import type { DemoAccount } from './demo-credentials.js';

export interface DemoTargets {
  users: { db: Database; url: string };
  catalog: { db: Database; url: string };
  orders: { db: Database };
  reviews: { db: Database };
  loans: { db: Database };
  summaries: { db: Database };
}

interface DemoBook {
  id: string;
  title: string;
  description: string | null;
}

/**
 * Seeds what is missing of the demo data: accounts, the catalogue, and the other subgraphs'
 * demo reviews, lending copies and summaries of those books. Each seed is idempotent. Books
 * and user ids are read through the subgraphs' public APIs, never from their tables. Orders
 * learns the demo books at once too, so they can be ordered before their book.changed arrive.
 */
export async function seedDemoData(targets: DemoTargets, accounts: DemoAccount[], routerSecret: string, logger: Logger): Promise<void> {
  const post = poster(routerSecret);
  await seedDemoUsers(targets.users.db, accounts);
  const { inserted } = await seedDemoCatalogue(targets.catalog.db);
  if (inserted > 0) logger.info({ books: inserted }, 'seeded the demo catalogue');

  // The books are listed (a GraphQL request to the catalog) only for a seed still to do: a
  // restart has none, and skips that request and its share of the start (about 0.1 s of CPU).
  let listed: Promise<DemoBook[]> | undefined;
  const books = () => (listed ??= demoBooks(post, targets.catalog.url));
  // Demo user ids come from signing in (argon2, a good part of a restart's seeding), so only when
  // reviews or lending copies are still to seed. A demo account whose password was changed simply
  // writes no demo reviews, loans or holds.
  let accountIds: Promise<(string | null)[]> | undefined;
  const idsOfAccounts = () => (accountIds ??= Promise.all(accounts.map((account) => userIdOf(post, targets.users.url, account))));
  if (!(await hasReviews(targets.reviews.db))) {
    const reviewers = (await idsOfAccounts()).filter((id) => id !== null);
    if (reviewers.length > 0) await seedDemoReviews(targets.reviews.db, { books: await books(), reviewers: reviewers.map((id) => ({ id })) });
  }
  // Orders learns the books from their book.changed events too (written with them), so only the
  // start that seeded them needs this head start.
  if (inserted > 0) await addKnownBooks(targets.orders.db, (await books()).map((book) => book.id));
  if (!(await hasLendingCopies(targets.loans.db))) {
    const ids = await idsOfAccounts();
    const idOf = (role: DemoAccount['role']) => ids[accounts.findIndex((account) => account.role === role)] ?? null;
    const [reader, borrower] = [idOf('CUSTOMER'), idOf('ADMIN')];
    await seedDemoLendingCopies(targets.loans.db, await books(), reader && borrower ? { reader, borrower } : undefined);
  }
  if (!(await hasSummaries(targets.summaries.db))) await seedDemoSummaries(targets.summaries.db, await books(), extractiveProvider);
}

type Post = <T>(url: string, query: string, variables: Record<string, unknown>) => Promise<T | null>;

async function demoBooks(post: Post, catalogUrl: string): Promise<DemoBook[]> {
  const data = await post<{ books: { edges: { node: DemoBook }[] } }>(catalogUrl, '{ books(first: 100, sort: TITLE) { edges { node { id title description } } } }', {});
  if (!data) throw new Error('could not list the demo books');
  return data.books.edges.map((edge) => edge.node);
}

async function userIdOf(post: Post, usersUrl: string, account: DemoAccount): Promise<string | null> {
  const data = await post<{ login: { user: { id: string } } }>(usersUrl, 'mutation($i: LoginInput!) { login(input: $i) { user { id } } }', {
    i: { login: account.username, password: account.password },
  });
  return data?.login.user.id ?? null;
}

/** GraphQL straight to a subgraph, which admits it only with the router's secret. */
function poster(routerSecret: string): Post {
  return async <T>(url: string, query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ROUTER_SECRET_HEADER]: routerSecret },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null };
    return body.data ?? null;
  };
}
