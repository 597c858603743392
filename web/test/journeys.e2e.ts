import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startChild, type ChildService } from '@bookstore/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../embedded/src/config.js';
import { loadOrCreateDemoAccounts, type DemoAccount } from '../../embedded/src/demo-credentials.js';
import { accessibilityViolations, launchBrowser, newPage, signIn, type RunningBrowser } from './browser.js';

// The storefront's journeys in real headless Chromium against `npm start` as a person runs it
// (on a fresh clone it builds the bundle first, and the storefront while it starts): every subgraph, the router
// and the built storefront in one process of its own. Elements are found by role and accessible name, as a
// person with a screen reader would find them; axe-core checks every page the journeys reach.

let server: ChildService;
let app: { routerUrl: string; demoAccounts: DemoAccount[] };
let dataDir: string;
let chromium: RunningBrowser;
const NEXT_YEAR = String(new Date().getUTCFullYear() + 1);
const repositoryRoot = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'web-journeys-'));
  // What `npm start` runs (package.json), without npm in between: npm exits on SIGTERM before the
  // stack has stopped, and the test must see it stop.
  server = startChild(process.execPath, ['scripts/start.mjs'], { cwd: repositoryRoot, env: { ...freePorts(), DATA_DIR: dataDir } });
  const started = async () => {
    // The banner names the storefront's address (the ports are the system's choice here) when the
    // shop is built already; else it says "Storefront (being built)", and "Storefront ready" once
    // its build (on a fresh clone, after the router answers) has ended.
    const [, routerUrl] = await server.waitFor(/Storefront(?: ready)?:\s+(http:\/\/\S+?)\/\s/, 240_000);
    return { routerUrl: routerUrl!.replace('//localhost:', '//127.0.0.1:'), demoAccounts: await loadOrCreateDemoAccounts(dataDir) };
  };
  [app, chromium] = await Promise.all([started(), launchBrowser()]);
}, 300_000);

afterAll(async () => {
  await chromium?.close();
  const code = await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  // SIGTERM (as an orchestrator sends) stops the whole stack cleanly: exit code 0, nothing answers.
  expect(code).toBe(0);
  if (app) await expect(fetch(`${app.routerUrl}/health`)).rejects.toThrow();
});

/** Checks the page against axe-core and remembers what failed, so one run reports every page. */
/** A journey is dozens of page loads and clicks in a real browser: generous for a loaded 2-core CI machine. */
const JOURNEY_TIMEOUT_MS = 240_000;

async function audit(page: Page, name: string, found: string[]): Promise<void> {
  for (const violation of await accessibilityViolations(page)) found.push(`${name}: ${violation}`);
}

/** A failed step keeps a screenshot and the page's text, so CI logs show what the browser showed. */
async function withScreenshot(page: Page, name: string, error: unknown): Promise<unknown> {
  const path = join(tmpdir(), `web-journey-${name}-${Date.now()}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => undefined);
  const text = await page.locator('main').innerText().catch(() => '(no main)');
  if (error instanceof Error) error.message += `\nScreenshot: ${path}\nPage (${page.url()}):\n${text.slice(0, 2000)}`;
  return error;
}

/** The viewport of a phone, for the journeys a member takes on one. */
const PHONE = { width: 390, height: 844 };

/**
 * Runs a journey's steps with one browser page per person (`people`: each one's viewport, the
 * desktop's when undefined). A failed step keeps a screenshot of every page; the pages close
 * either way; then no page may have thrown a script error, nor axe-core have found a violation
 * on any page audited into `violations`.
 */
async function journey<Name extends string>(label: string, people: Record<Name, { width: number; height: number } | undefined>, steps: (pages: Record<Name, { page: Page }>, violations: string[]) => Promise<void>): Promise<void> {
  const names = Object.keys(people) as Name[];
  const opened = await Promise.all(names.map((name) => newPage(chromium.browser, app.routerUrl, people[name])));
  const pages = {} as Record<Name, { page: Page }>;
  for (const [index, name] of names.entries()) pages[name] = opened[index]!;
  const violations: string[] = [];
  try {
    await steps(pages, violations);
  } catch (error) {
    let failure = error;
    for (const [index, name] of names.entries()) failure = await withScreenshot(opened[index]!.page, `${label}-${name}`, failure);
    throw failure;
  } finally {
    await Promise.all(opened.map((each) => each.context.close()));
  }
  expect(opened.flatMap((each) => each.problems)).toEqual([]);
  expect(violations).toEqual([]);
}

async function signUp(page: Page, username: string): Promise<void> {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByRole('heading', { name: 'Create an account' }).waitFor();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`${username}@example.com`);
  await page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
  await page.getByLabel('Password').fill('a long unusual browser passphrase 42');
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function searchAndAdd(page: Page, search: string, title: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search books' }).fill(search);
  await page.getByRole('heading', { name: title, exact: true }).waitFor();
  await page.getByRole('button', { name: `Add to cart: ${title}` }).click();
}

async function checkOut(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Cart/ }).click();
  await page.getByRole('link', { name: 'Check out' }).click();
}

async function fillAddress(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Address line 1' }).fill('1 Quay Street');
  await page.getByRole('textbox', { name: 'City' }).fill('Bristol');
  await page.getByRole('textbox', { name: 'Postal code' }).fill('BS1 4DJ');
  await page.getByRole('textbox', { name: 'Country code' }).fill('GB');
}

async function payWith(page: Page, number: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Card number' }).fill(number);
  await page.getByRole('textbox', { name: 'Expiry month' }).fill('12');
  await page.getByRole('textbox', { name: 'Expiry year' }).fill(NEXT_YEAR);
  await page.getByRole('textbox', { name: 'Security code' }).fill('123');
  await page.getByRole('button', { name: 'Pay now' }).click();
}

const signInAs = (page: Page, role: 'ADMIN' | 'LIBRARIAN' | 'CUSTOMER') => signIn(page, app.demoAccounts.find((each) => each.role === role)!);

/**
 * Orders hears of a new book from the catalog's event a moment after it is created; until then
 * placing an order of it is refused, naming the line. Try again, as a shopper would.
 */
async function placeOrderOfNewBook(page: Page): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.getByRole('button', { name: 'Place order' }).click();
    const outcome = await Promise.race([
      page.getByRole('heading', { name: 'Your order' }).waitFor().then(() => 'placed' as const),
      page.getByRole('alert').first().waitFor().then(() => 'refused' as const),
    ]);
    if (outcome === 'placed') return;
    if (attempt >= 20) throw new Error('placeOrder kept being refused');
    await page.waitForTimeout(500);
  }
}

/** The order page's live status line (a status role, updated by the subscription). */
const orderStatus = (page: Page, status: string) => page.getByRole('status').filter({ hasText: status }).first();

describe('the storefront in a browser', () => {
  it('is served at / beside the API: client routes get the app, /graphql keeps Sandbox for a browser and GraphQL for clients', async () => {
    const index = await fetch(`${app.routerUrl}/account/orders`, { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<div id="root">');
    const sandbox = await fetch(`${app.routerUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(sandbox.status).toBe(200);
    expect((await sandbox.text()).toLowerCase()).toContain('sandbox');
    const api = await fetch(`${app.routerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ books(first: 1) { totalCount } }"}' });
    expect(await api.json()).toEqual({ data: { books: { totalCount: 92 } } });
  });

  it("a shopper's journey: search, two books in the cart, check out, a declined card, pay, PAID live, cancel another order", async () => {
    await journey('shopper', { shopper: undefined }, async ({ shopper: { page } }, violations) => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'A Christmas Carol', exact: true }).waitFor();
      await audit(page, 'catalogue', violations);

      await searchAndAdd(page, 'pride', 'Pride and Prejudice');
      await searchAndAdd(page, 'whale', 'Moby-Dick');
      await page.getByRole('link', { name: 'Cart, 2 items' }).waitFor();

      await page.getByRole('link', { name: 'Moby-Dick' }).click();
      await page.getByRole('heading', { level: 1, name: 'Moby-Dick' }).waitFor();
      await page.getByRole('heading', { name: /^Reviews/ }).waitFor();
      await audit(page, 'book', violations);

      await checkOut(page);
      // Not signed in: checkout sends the shopper to sign in, and back afterwards.
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      await audit(page, 'sign in', violations);
      await signUp(page, `shopper_${randomUUID().slice(0, 8)}`);
      await page.getByRole('heading', { name: 'Checkout' }).waitFor();
      await fillAddress(page);
      await audit(page, 'checkout', violations);
      await page.getByRole('button', { name: 'Place order' }).click();

      // The order page follows the saga live: reserved, then the total and the payment form.
      await page.getByRole('heading', { name: 'Your order' }).waitFor();
      await orderStatus(page, 'Awaiting payment').waitFor();
      await page.getByText(/Pay within \d+:\d\d/).waitFor();
      await audit(page, 'order awaiting payment', violations);

      await payWith(page, '4000 0000 0000 0002');
      await page.getByRole('alert').filter({ hasText: 'Payment declined' }).waitFor();
      await payWith(page, '4242 4242 4242 4242');
      // No reload: the status turns PAID from the orderUpdated subscription.
      await orderStatus(page, 'Paid').waitFor();
      await audit(page, 'order paid', violations);

      // Another order, cancelled before paying.
      await page.goto('/');
      await searchAndAdd(page, 'scarlet', 'A Study in Scarlet');
      await checkOut(page);
      await page.getByRole('button', { name: 'Place order' }).click();
      await orderStatus(page, 'Awaiting payment').waitFor();
      await page.getByRole('button', { name: 'Cancel order' }).click();
      await page.getByRole('textbox', { name: /Why are you cancelling/ }).fill('Changed my mind');
      await page.getByRole('button', { name: 'Confirm cancellation' }).click();
      await orderStatus(page, 'Cancelled').waitFor();
      await audit(page, 'order cancelled', violations);
    });
  }, JOURNEY_TIMEOUT_MS);

  it("a member's journey: borrow a book, see it in their loans, renew it, return it", async () => {
    await journey('member', { member: PHONE }, async ({ member: { page } }, violations) => {
      await signInAs(page, 'CUSTOMER');
      await page.goto('/');
      await page.getByRole('searchbox', { name: 'Search books' }).fill('frankenstein');
      await page.getByRole('link', { name: 'Frankenstein', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Frankenstein' }).waitFor();
      const library = page.getByRole('region', { name: 'Borrow from the library' });
      await library.getByText(/copies? free/).waitFor();
      await library.getByRole('button', { name: 'Borrow' }).click();
      await library.getByText(/Borrowed\. Due back/).waitFor();
      await audit(page, 'book borrowed (phone)', violations);

      await library.getByRole('link', { name: 'Your loans' }).click();
      await page.getByRole('heading', { name: 'Your loans' }).waitFor();
      await page.getByRole('button', { name: 'Renew Frankenstein' }).click();
      await page.getByText(/renewed 1×/).waitFor();
      await audit(page, 'loans (phone)', violations);
      await page.getByRole('button', { name: 'Return Frankenstein' }).click();
      await page.getByRole('link', { name: 'Returned' }).click();
      await page.getByRole('link', { name: 'Frankenstein' }).first().waitFor();
      await page.getByText(/returned \d/).first().waitFor();
    });
  }, JOURNEY_TIMEOUT_MS);

  it("a member's holds: no copy free, a hold, HOLD_READY live when the desk takes the copy back, then borrow and return it", async () => {
    const title = 'The Invisible Man';
    const username = `holder_${randomUUID().slice(0, 8)}`;
    await journey('holds', { librarian: undefined, member: PHONE }, async ({ librarian, member }, violations) => {
      // The desk lends the book's only copy to the librarian (a member like any other here).
      await signInAs(librarian.page, 'LIBRARIAN');
      await librarian.page.goto('/account');
      const cardNumber = await librarian.page.getByText(/^Library card number/).locator('code').innerText();
      await librarian.page.goto('/staff');
      await librarian.page.getByRole('searchbox', { name: /Find a book/ }).fill('invisible man');
      await librarian.page.getByRole('link', { name: title, exact: true }).click();
      await librarian.page.getByRole('spinbutton', { name: 'Lending copies' }).fill('1');
      await librarian.page.getByRole('button', { name: 'Set lending copies' }).click();
      await librarian.page.getByText('The library now lends 1.').waitFor();
      await librarian.page.getByRole('link', { name: 'Staff' }).click();
      await librarian.page.getByRole('searchbox', { name: /Find a book/ }).fill('invisible man');
      await librarian.page.getByRole('link', { name: `Desk: lend or see holds of ${title}` }).click();
      await librarian.page.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
      await librarian.page.getByRole('textbox', { name: "Member's card number" }).fill(cardNumber);
      await librarian.page.getByText(/^Lending to /).waitFor();
      await librarian.page.getByRole('button', { name: 'Check out' }).click();
      await librarian.page.getByText(/^Lent to .*, due back/).waitFor();
      await audit(librarian.page, 'desk with a book', violations);

      // The member finds no copy free and joins the queue.
      await member.page.goto('/sign-up');
      await member.page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await member.page.getByRole('textbox', { name: 'Email', exact: true }).fill(`${username}@example.com`);
      await member.page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
      await member.page.getByLabel('Password').fill('a long unusual browser passphrase 42');
      await member.page.getByRole('button', { name: 'Create account' }).click();
      await member.page.getByRole('link', { name: 'Account', exact: true }).waitFor();
      await member.page.getByRole('searchbox', { name: 'Search books' }).fill('invisible man');
      await member.page.getByRole('link', { name: title, exact: true }).click();
      const library = member.page.getByRole('region', { name: 'Borrow from the library' });
      await library.getByText('0 of 1 copy free').waitFor();
      await library.getByRole('button', { name: 'Place hold' }).click();
      await library.getByText('You hold this book. Next in the queue.').waitFor();
      await audit(member.page, 'book on hold (phone)', violations);
      await library.getByRole('link', { name: 'Your holds' }).click();
      await member.page.getByRole('heading', { name: 'Your holds' }).waitFor();
      await member.page.getByText('Next in the queue').waitFor();
      await audit(member.page, 'holds (phone)', violations);

      // The desk sees the queue and takes the copy back: it is set aside for the member.
      await librarian.page.reload();
      await librarian.page.getByRole('table', { name: `Members waiting for ${title}, first in line first` }).getByRole('cell', { name: username, exact: true }).waitFor();
      await librarian.page.getByRole('link', { name: 'Out now' }).click();
      await librarian.page.getByRole('button', { name: `Return ${title}` }).first().click();
      await librarian.page.getByRole('table', { name: `Copies of ${title} set aside for members` }).getByRole('cell', { name: username, exact: true }).waitFor();
      await audit(librarian.page, 'desk with a copy set aside', violations);

      // No reload: HOLD_READY arrives over the subscription, in the layout's live region and the list.
      await member.page.getByRole('status', { name: 'Library notifications' }).getByText(`“${title}” is ready to pick up`, { exact: false }).waitFor();
      await member.page.getByText(/^Ready to pick up by/).first().waitFor();
      await member.page.getByRole('listitem').filter({ hasText: `“${title}” is ready to pick up` }).waitFor();
      await audit(member.page, 'holds with a notification (phone)', violations);

      // The member borrows the copy set aside, then returns it.
      await member.page.getByRole('link', { name: `Borrow ${title}` }).click();
      await library.getByText(/^A copy is set aside for you\. Ready to pick up by/).waitFor();
      await library.getByRole('button', { name: 'Borrow' }).click();
      await library.getByText(/Borrowed\. Due back/).waitFor();
      await library.getByRole('link', { name: 'Your loans' }).click();
      await member.page.getByRole('button', { name: `Return ${title}` }).click();
      await member.page.getByRole('link', { name: 'Returned' }).click();
      await member.page.getByText(/returned \d/).first().waitFor();
      await member.page.getByRole('link', { name: 'Holds', exact: true }).click();
      await member.page.getByRole('link', { name: 'Picked up' }).click();
      await member.page.getByRole('link', { name: title }).first().waitFor();
    });
    // Two people and a dozen pages on a shared two-core machine: more than the default minute.
  }, JOURNEY_TIMEOUT_MS);

  it("an admin's pages: reviews to moderate, payments by status, an account edited", async () => {
    await journey('admin', { admin: undefined }, async ({ admin }, violations) => {
      await signInAs(admin.page, 'ADMIN');
      await admin.page.goto('/staff/reviews');
      await admin.page.getByRole('heading', { name: 'Reviews', level: 1 }).waitFor();
      await admin.page.getByText(/reviews, newest first|No reviews yet/).first().waitFor();
      await audit(admin.page, 'reviews moderation', violations);
      await admin.page.goto('/staff/payments');
      await admin.page.getByRole('heading', { name: 'Payments', level: 1 }).waitFor();
      await admin.page.getByRole('link', { name: 'Succeeded' }).click();
      await admin.page.getByRole('table').or(admin.page.getByText('No payments here')).first().waitFor();
      await audit(admin.page, 'payments (admin)', violations);
      const customer = app.demoAccounts.find((each) => each.role === 'CUSTOMER')!;
      await admin.page.goto('/staff/users');
      await admin.page.getByRole('button', { name: `Edit ${customer.username}` }).click();
      const form = admin.page.getByRole('form', { name: `Edit ${customer.username}` });
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Demo Reader');
      await audit(admin.page, 'users edit (admin)', violations);
      await form.getByRole('button', { name: 'Save' }).click();
      await admin.page.getByRole('cell', { name: /Demo Reader/ }).waitFor();
    });
  }, JOURNEY_TIMEOUT_MS);

  it("staff's journey: create a book, restock it, ship and deliver a shopper's order of it; the shopper's review shows a verified purchase", async () => {
    const title = `The Lighthouse Keeper ${randomUUID().slice(0, 6)}`;
    await journey('staff', { librarian: undefined }, async ({ librarian }, violations) => {
      await signInAs(librarian.page, 'LIBRARIAN');
      await librarian.page.getByRole('link', { name: 'Staff' }).click();
      await librarian.page.getByRole('heading', { name: 'Staff' }).waitFor();
      await audit(librarian.page, 'staff home', violations);
      await librarian.page.getByRole('link', { name: /Add a book/ }).click();
      await librarian.page.getByRole('textbox', { name: 'Title' }).fill(title);
      await librarian.page.getByRole('textbox', { name: 'Authors' }).fill('Ida Keeper');
      await librarian.page.getByRole('textbox', { name: 'Price' }).fill('12.50');
      await audit(librarian.page, 'add a book', violations);
      await librarian.page.getByRole('button', { name: 'Create book' }).click();
      await librarian.page.getByRole('heading', { name: 'Edit book' }).waitFor();
      await librarian.page.getByRole('spinbutton', { name: 'Copies to add to stock' }).fill('5');
      await librarian.page.getByRole('button', { name: 'Restock' }).click();
      await librarian.page.getByText('Stock is now 5.').waitFor();
      await audit(librarian.page, 'edit book', violations);
      await librarian.page.getByRole('link', { name: 'Staff' }).click();
      await librarian.page.getByRole('link', { name: /Loans desk/ }).click();
      await librarian.page.getByRole('heading', { name: 'Loans desk' }).waitFor();
      await audit(librarian.page, 'loans desk', violations);
    });

    await journey('staff', { shopper: undefined, admin: undefined }, async ({ shopper, admin }, violations) => {
      await shopper.page.goto('/sign-up');
      await shopper.page.getByRole('heading', { name: 'Create an account' }).waitFor();
      const username = `reader_${randomUUID().slice(0, 8)}`;
      await shopper.page.getByRole('textbox', { name: 'Email', exact: true }).fill(`${username}@example.com`);
      await shopper.page.getByRole('textbox', { name: 'Username', exact: true }).fill(username);
      await shopper.page.getByLabel('Password').fill('a long unusual browser passphrase 42');
      await shopper.page.getByRole('button', { name: 'Create account' }).click();
      await shopper.page.getByRole('link', { name: 'Account', exact: true }).waitFor();
      await searchAndAdd(shopper.page, title, title);
      await checkOut(shopper.page);
      await fillAddress(shopper.page);
      await placeOrderOfNewBook(shopper.page);
      await orderStatus(shopper.page, 'Awaiting payment').waitFor();
      await payWith(shopper.page, '4242424242424242');
      await orderStatus(shopper.page, 'Paid').waitFor();

      await signInAs(admin.page, 'ADMIN');
      await admin.page.goto('/staff/orders?status=PAID');
      await admin.page.getByRole('button', { name: new RegExp(`^Mark shipped: order of ${username}`) }).click();
      await audit(admin.page, 'orders (admin)', violations);
      // The shopper's page follows: shipped, live.
      await orderStatus(shopper.page, 'Shipped').waitFor();
      await admin.page.getByRole('combobox', { name: 'Status' }).selectOption('SHIPPED');
      await admin.page.getByRole('button', { name: new RegExp(`^Mark delivered: order of ${username}`) }).click();
      await orderStatus(shopper.page, 'Delivered').waitFor();
      await admin.page.goto('/staff/users');
      await admin.page.getByRole('combobox', { name: `Role of ${username}` }).waitFor();
      await audit(admin.page, 'users (admin)', violations);

      await shopper.page.getByRole('link', { name: title }).click();
      await shopper.page.getByRole('combobox', { name: 'Rating' }).selectOption('5');
      await shopper.page.getByRole('textbox', { name: 'Title' }).fill('A fine keeper');
      await shopper.page.getByRole('button', { name: 'Publish review' }).click();
      await shopper.page.getByText('Thank you: your review is published.').waitFor();
      // Reviews learns of the delivery from an event; a reload shows the mark once it has.
      const review = shopper.page.getByRole('article', { name: `Review by ${username}` });
      for (let attempt = 0; !(await review.getByText('Verified purchase').isVisible()); attempt++) {
        if (attempt > 60) throw new Error('the review never showed "Verified purchase"');
        await shopper.page.waitForTimeout(500);
        await shopper.page.reload();
        await review.waitFor();
      }
      await audit(shopper.page, 'book with review', violations);
    });
  }, JOURNEY_TIMEOUT_MS);
});
