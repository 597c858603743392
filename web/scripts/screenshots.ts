// `npm run screenshots`: every page of the storefront at 360 px and 1280 px wide, into
// docs/screenshots/<page>-<width>.png (committed; the README shows the main ones). It starts the
// embedded stack on free ports with a fresh data directory, makes the data the pages show
// (orders, a payment, loans, holds, a review) through the API, and takes each page in headless
// Chromium as a shopper, a librarian or an admin would see it.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@bookstore/server-core';
import { gql } from '@bookstore/testing';
import type { Browser, Page } from 'playwright-core';
import { freePorts, loadConfig } from '../../embedded/src/config.js';
import { startEmbedded, type Embedded } from '../../embedded/src/embedded.js';
import { launchBrowser, signIn } from '../test/browser.js';

const outDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const widths = [
  { width: 360, height: 780 },
  { width: 1280, height: 860 },
];
const ADDRESS = { line1: '1 Quay Street', city: 'Bristol', postalCode: 'BS1 4DJ', country: 'GB' };
const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };

type Role = 'ADMIN' | 'LIBRARIAN' | 'CUSTOMER';

async function api<T = Record<string, any>>(app: Embedded, query: string, variables: Record<string, unknown>, token?: string): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const response = await gql<T>(app.routerUrl, query, variables, token ? { token } : {});
  if (response.errors?.length) throw new Error(`${query.slice(0, 60)}: ${response.errors.map((error) => error.message).join('; ')}`);
  return response.data!;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('gave up waiting');
}

/** Orders, a payment, loans, holds and a review for the demo reader, so their pages are not empty. */
async function makeData(app: Embedded) {
  const tokens = {} as Record<Role, string>;
  for (const account of app.demoAccounts) tokens[account.role as Role] = (await api(app, 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }', { i: { login: account.username, password: account.password } })).login.accessToken;
  const find = async (search: string) => (await api(app, 'query($s: String) { books(filter: { search: $s }, first: 1) { edges { node { id } } } }', { s: search })).books.edges[0].node.id as string;
  const [pride, whale, carol] = await Promise.all([find('pride prejudice'), find('whale'), find('christmas carol')]);
  const place = async (items: { bookId: string; quantity: number }[]) => {
    const order = (await api(app, 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', { i: { items, shippingAddress: ADDRESS } }, tokens.CUSTOMER)).placeOrder.id as string;
    await until(() => api(app, 'query($id: ID!) { order(id: $id) { status } }', { id: order }, tokens.CUSTOMER), (data) => data.order.status === 'AWAITING_PAYMENT');
    return order;
  };
  const paid = await place([{ bookId: pride, quantity: 1 }, { bookId: whale, quantity: 2 }]);
  await api(app, 'mutation($i: PayOrderInput!, $k: String!) { payOrder(input: $i, idempotencyKey: $k) { id } }', { i: { orderId: paid, method: 'CREDIT_CARD', card: CARD }, k: `shot-${paid}` }, tokens.CUSTOMER);
  await until(() => api(app, 'query($id: ID!) { order(id: $id) { status } }', { id: paid }, tokens.CUSTOMER), (data) => data.order.status === 'PAID');
  const awaiting = await place([{ bookId: carol, quantity: 1 }]);
  await api(app, 'mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: await find('frankenstein') }, tokens.CUSTOMER);
  await api(app, 'mutation($b: ID!) { borrowBook(bookId: $b) { id } }', { b: await find('dracula') }, tokens.CUSTOMER);
  // Holds: the desk lends the only copy of two books to the admin and the reader queues for both;
  // one copy comes back and is set aside for the reader (READY), the other stays out (WAITING).
  const adminId = (await api(app, '{ me { id } }', {}, tokens.ADMIN)).me.id as string;
  const [invisible, timeMachine] = await Promise.all([find('invisible man'), find('time machine')]);
  const loanIds: string[] = [];
  for (const book of [invisible, timeMachine]) {
    await api(app, 'mutation($b: ID!) { setLendingCopies(bookId: $b, copies: 1) { totalCopies } }', { b: book }, tokens.LIBRARIAN);
    loanIds.push((await api(app, 'mutation($b: ID!, $m: ID!) { checkOutBook(bookId: $b, memberId: $m) { id } }', { b: book, m: adminId }, tokens.LIBRARIAN)).checkOutBook.id);
    await api(app, 'mutation($b: ID!) { placeHold(bookId: $b) { id } }', { b: book }, tokens.CUSTOMER);
  }
  await api(app, 'mutation($l: ID!) { returnBook(loanId: $l) { id } }', { l: loanIds[0] }, tokens.LIBRARIAN);
  return { pride, paid, awaiting, timeMachine };
}

/** Each page: where it is, who looks at it, and what shows it is ready. */
interface Shot {
  name: string;
  path: string;
  as?: Role;
  ready: (page: Page) => Promise<unknown>;
  before?: (page: Page) => Promise<void>;
}

async function take(browser: Browser, app: Embedded, shots: Shot[]): Promise<void> {
  for (const viewport of widths) {
    const contexts = new Map<Role | 'anonymous', Page>();
    const pageFor = async (role: Role | 'anonymous') => {
      let page = contexts.get(role);
      if (!page) {
        const context = await browser.newContext({ baseURL: app.routerUrl, viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
        context.setDefaultTimeout(30_000);
        page = await context.newPage();
        if (role !== 'anonymous') await signIn(page, app.demoAccounts.find((each) => each.role === role)!);
        contexts.set(role, page);
      }
      return page;
    };
    for (const shot of shots) {
      const page = await pageFor(shot.as ?? 'anonymous');
      await page.goto(shot.path);
      await shot.before?.(page);
      await shot.ready(page);
      // Fonts and the last paint.
      await page.evaluate(() => document.fonts.ready);
      const file = join(outDir, `${shot.name}-${viewport.width}.png`);
      await page.screenshot({ path: file });
      console.log(`wrote ${file}`);
    }
    for (const page of contexts.values()) await page.context().close();
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'web-screenshots-'));
  const ports = freePorts();
  const app = await startEmbedded(loadConfig({ ...ports, DATA_DIR: dataDir }), createLogger('screenshots', 'warn'));
  const chromium = await launchBrowser();
  try {
    await mkdir(outDir, { recursive: true });
    const data = await makeData(app);
    const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name, level: 1 }).waitFor();
    const shots: Shot[] = [
      { name: 'catalogue', path: '/', ready: (page) => page.getByRole('heading', { name: 'A Christmas Carol' }).waitFor() },
      { name: 'catalogue-search', path: '/?q=adventure&sort=PRICE_ASC', ready: (page) => page.getByText(/books? for/).waitFor() },
      { name: 'book', path: `/books/${data.pride}`, ready: (page) => page.getByRole('heading', { name: /^Reviews/ }).waitFor() },
      { name: 'sign-in', path: '/sign-in', ready: heading('Sign in') },
      { name: 'sign-up', path: '/sign-up', ready: heading('Create an account') },
      {
        name: 'cart',
        path: '/',
        as: 'CUSTOMER',
        before: async (page) => {
          await page.getByRole('button', { name: 'Add to cart: A Christmas Carol' }).click();
          await page.getByRole('button', { name: 'Add to cart: A Study in Scarlet' }).click();
          await page.getByRole('link', { name: /^Cart/ }).click();
        },
        ready: (page) => page.getByText(/^Subtotal/).waitFor(),
      },
      { name: 'checkout', path: '/checkout', as: 'CUSTOMER', ready: (page) => page.getByRole('button', { name: 'Place order' }).waitFor() },
      { name: 'order-awaiting-payment', path: `/orders/${data.awaiting}`, as: 'CUSTOMER', ready: (page) => page.getByText(/Pay within/).waitFor() },
      { name: 'order-paid', path: `/orders/${data.paid}`, as: 'CUSTOMER', ready: (page) => page.getByRole('heading', { name: 'History' }).waitFor() },
      { name: 'account', path: '/account', as: 'CUSTOMER', ready: heading('Your account') },
      { name: 'my-orders', path: '/account/orders', as: 'CUSTOMER', ready: (page) => page.getByText(/orders?; statuses update/).waitFor() },
      { name: 'my-payments', path: '/account/payments', as: 'CUSTOMER', ready: (page) => page.getByRole('table').waitFor() },
      { name: 'my-reviews', path: '/account/reviews', as: 'CUSTOMER', ready: (page) => page.getByRole('button', { name: /^Edit review/ }).first().waitFor() },
      { name: 'my-loans', path: '/library/loans', as: 'CUSTOMER', ready: (page) => page.getByRole('button', { name: /^Return/ }).first().waitFor() },
      { name: 'staff', path: '/staff', as: 'LIBRARIAN', ready: (page) => page.getByRole('table').waitFor() },
      { name: 'staff-add-book', path: '/staff/books/new', as: 'LIBRARIAN', ready: (page) => page.getByRole('button', { name: 'Create book' }).waitFor() },
      { name: 'staff-edit-book', path: `/staff/books/${data.pride}`, as: 'LIBRARIAN', ready: (page) => page.getByRole('button', { name: 'Restock' }).waitFor() },
      { name: 'my-holds', path: '/library/holds', as: 'CUSTOMER', ready: (page) => page.getByText(/^Ready to pick up by/).first().waitFor() },
      {
        name: 'book-on-hold',
        path: `/books/${data.timeMachine}`,
        as: 'CUSTOMER',
        ready: async (page) => {
          // The library box is below the cover on a phone: bring it into the shot.
          await page.getByText(/You hold this book/).waitFor();
          await page.getByRole('region', { name: 'Borrow from the library' }).scrollIntoViewIfNeeded();
        },
      },
      { name: 'staff-loans', path: '/staff/loans?status=ACTIVE', as: 'LIBRARIAN', ready: (page) => page.getByRole('table', { name: /Copies set aside across/ }).waitFor() },
      { name: 'staff-desk-book', path: `/staff/loans?book=${data.timeMachine}`, as: 'LIBRARIAN', ready: (page) => page.getByRole('table', { name: /^Members waiting for/ }).waitFor() },
      { name: 'staff-reviews', path: '/staff/reviews', as: 'LIBRARIAN', ready: (page) => page.getByRole('button', { name: /^Delete review of/ }).first().waitFor() },
      { name: 'admin-payments', path: '/staff/payments', as: 'ADMIN', ready: (page) => page.getByRole('button', { name: /^Refund the payment/ }).first().waitFor() },
      { name: 'admin-orders', path: '/staff/orders?status=PAID', as: 'ADMIN', ready: (page) => page.getByRole('button', { name: /^Mark shipped/ }).first().waitFor() },
      { name: 'admin-users', path: '/staff/users', as: 'ADMIN', ready: (page) => page.getByRole('table').waitFor() },
    ];
    await take(chromium.browser, app, shots);
  } finally {
    await chromium.close();
    await app.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
