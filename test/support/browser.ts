/**
 * A real Chromium for the console's browser test, driven by playwright-core (which never
 * downloads a browser): CHROMIUM_PATH, else Debian's /usr/bin/chromium (the test setup
 * installs it). Screenshots of each view go to the git-ignored test-results/console/.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../libs/config/src';

export const SCREENSHOTS_DIR = path.join(repoRoot(), 'test-results', 'console');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // no sandbox as root; no calls home (this machine's network is closed, and a test must not depend on one)
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page whose clock zone and language the test chooses, so countdowns and formats are the viewer's, not the machine's. */
export async function openPage(browser: Browser, options: { locale?: string; timezoneId?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/Warsaw',
    viewport: { width: 1366, height: 900 },
    acceptDownloads: true,
  });
  return context.newPage();
}

export async function signIn(page: Page, baseUrl: string, key: string, at = '/console'): Promise<void> {
  await page.goto(`${baseUrl}${at}`);
  await page.getByLabel('API key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** The serious and critical accessibility violations axe-core finds on the page as it stands. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
