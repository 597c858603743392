import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@bookstore/kit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../embedded/src/config.js';
import { startEmbedded, type Embedded } from '../../embedded/src/embedded.js';
import { accessibilityViolations, launchBrowser, newPage, type RunningBrowser } from './browser.js';

// The storefront's journeys in real headless Chromium against the embedded stack (every
// subgraph, the router and the built storefront, as `npm start` runs them). Elements are found by
// role and accessible name, as a person with a screen reader would find them; axe-core checks
// every page the journeys reach.

let app: Embedded;
let dataDir: string;
let chromium: RunningBrowser;
const NEXT_YEAR = String(new Date().getUTCFullYear() + 1);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'web-journeys-'));
  const ports = { PORT: '0', USERS_PORT: '0', CATALOG_PORT: '0', ORDERS_PORT: '0', PAYMENTS_PORT: '0', REVIEWS_PORT: '0', LOANS_PORT: '0', SUMMARIES_PORT: '0', METRICS_PORT: '0' };
  [app, chromium] = await Promise.all([startEmbedded(loadConfig({ ...ports, DATA_DIR: dataDir }), createLogger('web-journeys', 'silent')), launchBrowser()]);
});

afterAll(async () => {
  await chromium?.close();
  await app?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Checks the page against axe-core and remembers what failed, so one run reports every page. */
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

/** The order page's live status line (a status role, updated by the subscription). */
const orderStatus = (page: Page, status: string) => page.getByRole('status').filter({ hasText: status }).first();

describe('the storefront in a browser', () => {
  it("a shopper's journey: search, two books in the cart, check out, a declined card, pay, PAID live, cancel another order", async () => {
    const { context, page, problems } = await newPage(chromium.browser, app.routerUrl);
    const violations: string[] = [];
    try {
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
    } catch (error) {
      throw await withScreenshot(page, 'shopper', error);
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
    expect(violations).toEqual([]);
  });
});
