// Real headless Chromium for the storefront's journeys and screenshots: Debian's `chromium`
// driven by playwright-core (no browser download), flags that keep it off the network.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface RunningBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * One browser for a whole test file; each journey gets its own context (fresh storage).
 * Playwright starts Chromium on a fresh temporary --user-data-dir of its own and removes it.
 */
export async function launchBrowser(): Promise<RunningBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return { browser, close: () => browser.close() };
}

export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL, viewport });
  // Generous: the shared CI machine can be slow; nothing here measures time.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  // Script errors fail the journey at its end (a page that throws is broken even if it renders).
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/** Signs in through the sign-in page, as a person would, and waits until the header says so. */
export async function signIn(page: Page, account: { username: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Username or email' }).fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Account', exact: true }).waitFor();
}

let axeSource: string | undefined;

/**
 * axe-core's serious and critical violations on the page as it is now. Injected through the
 * DevTools protocol, so the page's own Content-Security-Policy stays on.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`);
}
