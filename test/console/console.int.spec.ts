/**
 * The console in a real Chromium against the real stack (API serving the built console,
 * worker, PostgreSQL, Temporal): every step is done the way a person does it, by the
 * accessible names CONTRACT.md lists, and checked against what the API then says.
 *
 * One case walks the whole way: filed through the API, seen arriving in an agent's list,
 * taken, compensation above the agent's limit proposed, approved by a manager in the inbox,
 * a final response refused by the correspondence checks (reasons shown by the field) then
 * accepted, satisfaction confirmed through the API while the page updates by itself, and an
 * auditor rebuilding the case as it stood before the approval and verifying its chain.
 * The dashboard's reports are read by a manager and compared, figure by figure, with what the
 * API answers for the page's own window (the return's CSV too); an agent sees none of them;
 * flagged fairness gaps are read on a store of their own built to have some.
 * Each main view is checked with axe-core and photographed into test-results/console/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { repoRoot } from '../../libs/config/src';
import { launchChromium, openPage, screenshot, seriousA11yViolations, signIn } from '../support/browser';
import { CaseHistory } from '../support/case-history';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { writePolicyVariant } from '../support/report-policy';
import { startReportSystem, type ReportSystem } from '../support/report-system';
import { startTestSystem, TEST_KEYS, type TestSystem } from '../support/test-system';

const consoleBuilt = existsSync(path.join(repoRoot(), 'dist', 'console', 'index.html'));
if (!consoleBuilt) throw new Error('the console is not built: npm test builds it (npm run build:console) before jest');

let system: TestSystem;
let browser: Browser;
let agent: Page;

/** The case this file walks through, as the API last answered it. */
let complaint: { id: string; reference: string };
let proposal: { proposedAt: string; decidedAt: string };

async function caseNow(): Promise<any> {
  return (await call(system.baseUrl, 'GET', `/v1/complaints/${complaint.id}`, { key: 'auditor' })).body;
}

async function eventCount(): Promise<number> {
  return (await call(system.baseUrl, 'GET', `/v1/complaints/${complaint.id}/events`, { key: 'auditor' })).body.length;
}

function timeline(page: Page): Locator {
  return page.getByRole('list', { name: 'Timeline', exact: true }).getByRole('listitem');
}

/** Waits until the timeline shows exactly as many entries as the case has events. */
async function timelineShowsEveryEvent(page: Page): Promise<number> {
  const expected = await eventCount();
  await eventually(async () => ((await timeline(page).count()) === expected ? true : undefined), 15_000, `a timeline of ${expected} events`);
  return expected;
}

/** Presses Tab until the element has the focus (as a keyboard-only user would reach it), at most `limit` times. */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} is not reachable with ${limit} presses of Tab`);
}

async function expectAccessible(page: Page, view: string): Promise<void> {
  expect({ view, violations: await seriousA11yViolations(page) }).toEqual({ view, violations: [] });
}

/** An instant as a datetime-local value in the viewer's zone (the page's context runs in Europe/Warsaw). */
function warsawLocal(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Warsaw',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .format(instant)
    .replace(' ', 'T');
}

beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('signing in', () => {
  const views = ['Cases', 'Approvals', 'Audit', 'Dashboard'];
  const seen: Record<string, string[]> = {
    agent: ['Cases', 'Dashboard'],
    manager: ['Cases', 'Approvals', 'Dashboard'],
    director: ['Cases', 'Approvals', 'Dashboard'],
    auditor: ['Cases', 'Audit', 'Dashboard'],
    intake: [],
  };

  it.each(Object.keys(seen))('shows the %s only the views the role may use, and who is signed in', async (role) => {
    const page = await openPage(browser);
    await signIn(page, system.baseUrl, TEST_KEYS[role as keyof typeof TEST_KEYS]);
    const me = (await call(system.baseUrl, 'GET', '/v1/me', { key: role as keyof typeof TEST_KEYS })).body;
    await expect(page.getByText(`Signed in as ${me.principal}`).count()).resolves.toBe(1);
    const navigation = page.getByRole('navigation');
    // the views appear once the console has read who may do what
    if (seen[role].length) await navigation.getByRole('link', { name: seen[role][0], exact: true }).waitFor();
    else await page.getByText('Your role (intake) has no view here.').waitFor();
    for (const view of views) {
      await expect(navigation.getByRole('link', { name: view, exact: true }).count()).resolves.toBe(seen[role].includes(view) ? 1 : 0);
    }
    await page.context().close();
  });

  it('refuses an unknown key, and forgets the key on sign-out', async () => {
    const page = await openPage(browser);
    await page.goto(`${system.baseUrl}/console/cases`);
    await page.getByLabel('API key', { exact: true }).fill('not-a-key');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('This key was not accepted.').waitFor();
    await screenshot(page, '01-sign-in');
    await expectAccessible(page, 'sign-in');

    await page.getByLabel('API key', { exact: true }).fill(TEST_KEYS.agent);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key', { exact: true }).waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await page.reload();
    await page.getByLabel('API key', { exact: true }).waitFor();
    await page.context().close();
  });
});

describe('one complaint, from the list to the auditor', () => {
  it('an agent watches a new complaint arrive in the list and opens it by its reference', async () => {
    agent = await openPage(browser);
    await signIn(agent, system.baseUrl, TEST_KEYS.agent, '/console/cases');
    await agent.getByRole('heading', { level: 1 }).waitFor();

    const filed = await fileComplaint(
      system.baseUrl,
      complaintBody({
        customer: { id: `cust-${Date.now()}`, name: 'דנה כהן', segment: 'retail', language: 'he' },
        summary: 'חויבתי פעמיים על אותה הזמנה',
        description: 'Zapłaciłam dwa razy za fakturę 2026/114 😡 — proszę o zwrot.',
      }),
    );
    expect(filed.status).toBe(201);
    complaint = { id: filed.body.id, reference: filed.body.reference };

    const link = agent.getByRole('link', { name: complaint.reference, exact: true });
    await link.waitFor({ timeout: 20_000 });
    await screenshot(agent, '02-cases');
    await expectAccessible(agent, 'cases');

    await link.click();
    await agent.getByRole('heading', { level: 1, name: complaint.reference, exact: true }).waitFor();
    const words = agent.getByText('Zapłaciłam dwa razy za fakturę 2026/114 😡 — proszę o zwrot.', { exact: true });
    expect(await words.getAttribute('dir')).toBe('auto');
    await expect(agent.getByText('חויבתי פעמיים על אותה הזמנה', { exact: true }).first().getAttribute('dir')).resolves.toBe('auto');
    await timelineShowsEveryEvent(agent);
  });

  it('takes the case: the event shows in the timeline at once', async () => {
    const before = await timeline(agent).count();
    await agent.getByRole('button', { name: 'Take', exact: true }).click();
    await eventually(async () => ((await timeline(agent).count()) > before ? true : undefined), 10_000, 'the OwnerAssigned entry');
    expect((await caseNow()).owner).toBe('alice');
    await expect(agent.getByRole('button', { name: 'Take', exact: true }).count()).resolves.toBe(0);
  });

  it('proposes compensation above the agent’s limit: it waits for approval', async () => {
    await agent.getByRole('button', { name: 'Propose compensation', exact: true }).click();
    const form = agent.getByRole('form', { name: 'Propose compensation' });
    await form.getByLabel('Type', { exact: true }).selectOption('refund');
    await form.getByLabel('Amount', { exact: true }).fill('250.00');
    await form.getByLabel('Currency', { exact: true }).fill('EUR');
    await form.getByLabel('Rationale', { exact: true }).fill('Podwójne obciążenie karty: zwrot całej kwoty.');
    await form.getByRole('button', { name: 'Propose compensation', exact: true }).click();

    const pending = await eventually(async () => {
      const [proposed] = (await caseNow()).compensation;
      return proposed?.status === 'pending_approval' ? proposed : undefined;
    });
    expect(pending.amount).toEqual({ minor: 25_000, currency: 'EUR' });
    await timelineShowsEveryEvent(agent);
    await screenshot(agent, '03-case');
    await expectAccessible(agent, 'case');
  });

  it('a manager approves it in the approvals inbox, with a reason', async () => {
    const manager = await openPage(browser);
    await signIn(manager, system.baseUrl, TEST_KEYS.manager);
    await manager.getByRole('link', { name: 'Approvals', exact: true }).click();
    const item = manager.getByRole('article').filter({ hasText: complaint.reference });
    await item.waitFor();
    await screenshot(manager, '04-approvals');
    await expectAccessible(manager, 'approvals');

    await item.getByLabel('Reason', { exact: true }).fill('Duplicate charge confirmed on the statement.');
    await item.getByRole('button', { name: 'Approve', exact: true }).click();
    await item.waitFor({ state: 'detached', timeout: 15_000 });

    const [approved] = (await caseNow()).compensation;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'maria', decisionReason: 'Duplicate charge confirmed on the statement.' });
    proposal = { proposedAt: approved.proposedAt, decidedAt: approved.decidedAt };
    await manager.context().close();
  });

  it('sends a final response the correspondence checks refuse (reasons by the field), then one they accept', async () => {
    await agent.getByRole('button', { name: 'Send final response', exact: true }).click();
    const form = agent.getByRole('form', { name: 'Send final response' });
    await form.getByLabel('Outcome', { exact: true }).selectOption('upheld');
    await form.getByLabel('Summary (internal)', { exact: true }).fill('Duplicate charge refunded in full.');
    const responseText = form.getByLabel('Response text', { exact: true });
    await responseText.fill('We have refunded the duplicate charge. Sadly that is our policy and there is nothing we can do about the delay.');
    await form.getByRole('button', { name: 'Send final response', exact: true }).click();

    await eventually(async () => ((await responseText.getAttribute('aria-invalid')) === 'true' ? true : undefined), 10_000, 'the refusal by the field');
    const describedBy = (await responseText.getAttribute('aria-describedby'))!.split(' ');
    const reasons = (await Promise.all(describedBy.map((id) => agent.locator(`[id="${id}"]`).textContent()))).join(' ');
    // both stock phrases; not the referral rights, which the policy's letter states in the customer's language
    expect(reasons).toMatch(/that is our policy/i);
    expect(reasons).toMatch(/nothing we can do/i);
    await screenshot(agent, '05-final-response-refused');
    expect((await caseNow()).status).not.toBe('resolved');

    await responseText.fill(
      'We have refunded the duplicate charge of €250.00 to your card. If you are not satisfied with this answer, you may refer your complaint to the Financial Ombudsman Service within six months.',
    );
    await form.getByRole('button', { name: 'Send final response', exact: true }).click();
    await eventually(async () => ((await caseNow()).status === 'resolved' ? true : undefined), 15_000, 'the case resolved');
    await timelineShowsEveryEvent(agent);
  });

  it('updates the open page by itself when the customer confirms satisfaction through the API', async () => {
    await agent.evaluate('window.stillTheSamePage = true');
    const answered = await call(system.baseUrl, 'POST', `/v1/complaints/${complaint.id}/satisfaction`, {
      key: 'intake',
      body: { satisfied: true, score: 9, comment: 'Dziękuję, wszystko się zgadza 👍' },
    });
    expect(answered.status).toBe(200);
    await eventually(async () => ((await caseNow()).status === 'closed' ? true : undefined), 15_000, 'the case closed');
    await timelineShowsEveryEvent(agent);
    expect(await agent.evaluate('window.stillTheSamePage')).toBe(true);
    await expect(agent.getByRole('button', { name: 'Send final response', exact: true }).count()).resolves.toBe(0);
    await agent.context().close();
  });

  it('an auditor opens the case, sees it as it stood before the approval, verifies the chain and downloads the dossier', async () => {
    const auditor = await openPage(browser);
    await signIn(auditor, system.baseUrl, TEST_KEYS.auditor);
    await auditor.getByRole('link', { name: 'Audit', exact: true }).click();
    await auditor.getByLabel('Case id or reference').fill(complaint.reference);
    await auditor.getByRole('button', { name: 'Open case', exact: true }).click();
    await auditor.getByRole('heading', { name: complaint.reference }).first().waitFor();

    for (const action of ['Take', 'Add note', 'Escalate', 'Propose compensation', 'Send final response', 'Approve', 'Reject', 'Merge']) {
      await expect(auditor.getByRole('button', { name: action, exact: true }).count()).resolves.toBe(0);
    }

    const beforeApproval = new Date((Date.parse(proposal.proposedAt) + Date.parse(proposal.decidedAt)) / 2);
    await auditor.getByLabel('As of', { exact: true }).fill(warsawLocal(beforeApproval));
    await auditor.getByText('Pending approval').first().waitFor();

    await auditor.getByRole('button', { name: 'Verify', exact: true }).click();
    await auditor.getByText('Chain valid', { exact: true }).waitFor();
    await screenshot(auditor, '06-audit');
    await expectAccessible(auditor, 'audit');

    const [download] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: 'Download dossier' }).click()]);
    const dossier = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(dossier.events).toHaveLength(await eventCount());
    await auditor.context().close();
  });
});

describe('by keyboard alone', () => {
  it('an agent signs in, opens a case from the list and adds a note without a pointer', async () => {
    const filed = await fileComplaint(system.baseUrl, complaintBody({ summary: 'Zwrot nie dotarł na konto', description: 'Minęły dwa tygodnie, a zwrotu wciąż nie ma.' }));
    const open = { id: filed.body.id as string, reference: filed.body.reference as string };
    const page = await openPage(browser);
    await page.goto(`${system.baseUrl}/console/cases`);
    await tabTo(page, page.getByLabel('API key', { exact: true }));
    await page.keyboard.type(TEST_KEYS.agent);
    await page.keyboard.press('Enter');

    const link = page.getByRole('link', { name: open.reference, exact: true });
    await link.waitFor();
    await tabTo(page, link, 200);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: open.reference, exact: true }).waitFor();

    const count = async () => (await call(system.baseUrl, 'GET', `/v1/complaints/${open.id}/events`, { key: 'auditor' })).body.length as number;
    const before = await count();
    await tabTo(page, page.getByRole('button', { name: 'Add note', exact: true }), 200);
    await page.keyboard.press('Enter');
    const note = page.getByRole('form', { name: 'Add note' }).getByLabel('Note', { exact: true });
    await tabTo(page, note);
    await page.keyboard.type('Klientka dzwoniła ponownie; zwrot potwierdzony ✅');
    await tabTo(page, page.getByRole('form', { name: 'Add note' }).getByRole('button', { name: 'Add note', exact: true }));
    await page.keyboard.press('Enter');

    await eventually(async () => ((await count()) === before + 1 ? true : undefined), 10_000, 'the note recorded');
    const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${open.id}/events`, { key: 'auditor' })).body;
    expect(events.at(-1)).toMatchObject({ type: 'NoteAdded', actor: { principal: 'alice' }, data: { text: 'Klientka dzwoniła ponownie; zwrot potwierdzony ✅' } });
    await page.context().close();
  });
});

describe('the other views', () => {
  it('draws the dashboard with a chart library, each chart with a table', async () => {
    const manager = await openPage(browser);
    await signIn(manager, system.baseUrl, TEST_KEYS.manager);
    await manager.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const queues = manager.getByRole('img', { name: 'Queue depth per queue' });
    await queues.waitFor();
    // the same figures as a table, for screen readers: the queue the keyboard test's case waits in is there
    const figures = await call(system.baseUrl, 'GET', '/v1/dashboard', { key: 'manager' });
    const billing = figures.body.workload.queues.find((row: { queue: string }) => row.queue === 'queue:billing');
    expect(billing.open).toBeGreaterThan(0);
    const table = manager.getByRole('table', { name: 'Queue depth per queue' });
    await manager.getByRole('heading', { name: 'Queue depth per queue' }).locator('..').getByText('Show as table').click();
    // exactly the category's queue (an unowned case escalated by inactivity meanwhile waits in queue:billing:manager)
    const billingRow = table.getByRole('row').filter({ hasText: /queue:billing(?!:)/ });
    await expect(billingRow.count()).resolves.toBe(1);
    await screenshot(manager, '07-dashboard');
    await expectAccessible(manager, 'dashboard');
    await manager.context().close();
  });

  it('in Hebrew mirrors the whole layout and keeps the customer’s words intact', async () => {
    // a browser that prefers Hebrew gets the console in Hebrew from the first screen
    const page = await openPage(browser, { locale: 'he-IL', timezoneId: 'Asia/Jerusalem' });
    await page.goto(`${system.baseUrl}/console`);
    await page.getByLabel('מפתח API', { exact: true }).fill(TEST_KEYS.agent);
    await page.getByRole('button', { name: 'כניסה', exact: true }).click();
    await page.getByRole('link', { name: 'תיקים', exact: true }).click();
    expect(await page.evaluate('[document.documentElement.dir, document.documentElement.lang]')).toEqual(['rtl', 'he']);
    await screenshot(page, '09-cases-hebrew');
    await page.goto(`${system.baseUrl}/console/cases/${complaint.id}`);
    await page.getByRole('heading', { level: 1, name: complaint.reference, exact: true }).waitFor();
    await page.getByText('Zapłaciłam dwa razy za fakturę 2026/114 😡 — proszę o zwrot.', { exact: true }).waitFor();
    await screenshot(page, '08-case-hebrew');
    await expectAccessible(page, 'case in Hebrew');
    await page.context().close();
  });
});

describe('the dashboard’s reports', () => {
  /** the console's own formats in English (the page's language), to read the API's figures as the table shows them */
  const en = {
    count: (value: number) => new Intl.NumberFormat('en').format(value),
    percent: (value: number | null) => (value === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value)),
    month: (yearMonth: string) => new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${yearMonth}-01T00:00:00Z`)),
    money: ({ minor, currency }: { minor: number; currency: string }) => {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      return new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 10 ** digits);
    },
  };
  const reportParts = ['Promises kept by month', 'Fairness', /^Regulator return/, 'Root causes'];

  /** every body row of a table, as the cells' text */
  async function rowsOf(table: Locator): Promise<string[][]> {
    await table.waitFor();
    return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')));
  }

  /** the part of the reports a heading names (a section labelled by its heading) */
  function part(page: Page, name: string | RegExp): Locator {
    return page.getByRole('region', { name, exact: typeof name === 'string' });
  }

  let manager: Page;
  /** the dashboard's window as the page asked the API for it */
  let dashboardWindow: { from: string; to: string; lastDay: string };

  async function report(route: string, params: Record<string, string> = {}): Promise<any> {
    const answer = await call(system.baseUrl, 'GET', `${route}?${new URLSearchParams(params)}`, { key: 'manager' });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('a manager sees the promises kept by month below the charts, as the API answers them for the dashboard’s window', async () => {
    manager = await openPage(browser);
    await signIn(manager, system.baseUrl, TEST_KEYS.manager);
    const asked = manager.waitForRequest((request) => new URL(request.url()).pathname === '/v1/reports/promises');
    await manager.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const search = new URL((await asked).url()).searchParams;
    expect(search.get('groupBy')).toBe('month');
    dashboardWindow = { from: search.get('from')!, to: search.get('to')!, lastDay: await manager.getByLabel('To', { exact: true }).inputValue() };
    await manager.getByRole('heading', { level: 2, name: 'Reports', exact: true }).waitFor();

    const promises = await report('/v1/reports/promises', { from: dashboardWindow.from, to: dashboardWindow.to, groupBy: 'month' });
    // the cases this file filed made promises (each acknowledgment promises a resolution date)
    expect(promises.total.made).toBeGreaterThan(0);
    const shown = part(manager, 'Promises kept by month');
    await shown.getByRole('img', { name: 'Promises kept by month' }).waitFor();
    await shown.getByText('Show as table').click();
    const row = (label: string, figures: any) => [label, ...[figures.made, figures.kept, figures.revised, figures.broken, figures.open].map(en.count), en.percent(figures.keepingRate)];
    await expect(rowsOf(shown.getByRole('table', { name: 'Promises kept by month' }))).resolves.toEqual([
      ...promises.groups.map((group: any) => row(en.month(group.group), group)),
      row('Total', promises.total),
    ]);
    await expect(shown.getByRole('status').first().textContent()).resolves.toMatch(/^Figures include events up to position \d+\.$/);
  });

  it('fairness: each group’s cases and rates as the API answers, the groups too small to judge said so, and no gap flagged', async () => {
    const fairness = await report('/v1/reports/fairness', { from: dashboardWindow.from, to: dashboardWindow.to, by: 'segment' });
    const shown = part(manager, 'Fairness');
    const rates = ['upheld', 'reopened', 'escalated', 'compensationOffered', 'compensationApproved', 'promiseBroken'];
    const rows = await rowsOf(shown.getByRole('table', { name: 'Cases and times per group' }));
    expect(rows.map((cells) => [cells[0], cells[1], ...cells.slice(5)])).toEqual(
      fairness.groups.map((group: any) => [
        group.tooSmall ? `${group.group} (too small to judge)` : group.group,
        en.count(group.cases),
        ...rates.map((rate) => `${en.percent(group.rates[rate].rate)} (${en.count(group.rates[rate].count)} of ${en.count(group.rates[rate].of)})`),
      ]),
    );
    // this file's few cases are fewer than the default policy's minimum group size (30): no group is compared, so none can be flagged
    const tooSmall = fairness.groups.filter((group: any) => group.tooSmall).length;
    expect(tooSmall).toBe(fairness.groups.length);
    expect(fairness.comparisons.filter((comparison: any) => comparison.flagged)).toEqual([]);
    await shown
      .getByText(
        tooSmall === 1
          ? `1 group has fewer than ${fairness.minGroupSize} cases: its figures are shown, not compared with the rest.`
          : `${tooSmall} groups have fewer than ${fairness.minGroupSize} cases: their figures are shown, not compared with the rest.`,
        { exact: true },
      )
      .waitFor();
    await shown.getByText(`No gap flagged: no group differs from the rest beyond chance (α = ${fairness.alpha}, Holm-adjusted).`, { exact: true }).waitFor();

    // by channel: the page asks again and shows the API's groups
    const byChannel = await report('/v1/reports/fairness', { from: dashboardWindow.from, to: dashboardWindow.to, by: 'channel' });
    const asked = manager.waitForResponse((response) => response.url().includes('/v1/reports/fairness') && new URL(response.url()).searchParams.get('by') === 'channel');
    await shown.getByLabel('Compare by', { exact: true }).selectOption('channel');
    await asked;
    await shown.getByRole('columnheader', { name: 'Channel', exact: true }).waitFor();
    const channelRows = await rowsOf(shown.getByRole('table', { name: 'Cases and times per group' }));
    expect(channelRows.map((cells) => cells[1])).toEqual(byChannel.groups.map((group: any) => en.count(group.cases)));
  });

  it('the regulator’s return of the half year holding the window’s last day, per product group, reconciled, and its CSV as the API writes it', async () => {
    const [year, month] = dashboardWindow.lastDay.split('-');
    const period = `${year}H${Number(month) <= 6 ? 1 : 2}`;
    const figures = await report('/v1/reports/returns', { period });
    // the upheld case this file closed, with its approved refund, is in the return
    expect(figures.total.closed).toBeGreaterThan(0);
    const halfName = period.endsWith('H1') ? 'January to June' : 'July to December';
    const shown = part(manager, `Regulator return: ${halfName} ${year}`);
    const row = (label: string, f: any) => [
      label,
      ...[f.opened, f.closed, f.closedWithin3BusinessDays, f.closedAfter3BusinessDaysWithin8Weeks, f.closedAfter8Weeks].map(en.count),
      f.upheldPercent === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 }).format(f.upheldPercent / 100),
      f.redress.length ? f.redress.map(en.money).join(', ') : '—',
    ];
    await expect(rowsOf(shown.getByRole('table', { name: `Regulator return: ${halfName} ${year}` }))).resolves.toEqual([
      ...figures.groups.map((group: any) => row(group.productGroup === '(unmapped)' ? `Not mapped to a product group (${group.categories.join(', ')})` : group.productGroup, group)),
      row('Total', figures.total),
    ]);
    expect(figures.reconciled).toBe(true);
    await shown.getByText('The redress reconciles with the compensation approved in the period, to the minor unit.', { exact: true }).waitFor();

    const csv = await call(system.baseUrl, 'GET', `/v1/reports/returns?period=${period}`, { key: 'manager', headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [download] = await Promise.all([manager.waitForEvent('download'), shown.getByRole('button', { name: 'Download CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe(`complaints-return-${period}.csv`);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved.split('\r\n')[0]).toBe(csv.text.split('\r\n')[0]);
    expect(saved.split('\r\n')[0]).toMatch(/^Product group,Categories,Opened,Closed,/);
    await shown.getByText(`Saved as complaints-return-${period}.csv.`, { exact: true }).waitFor();
  });

  it('root causes as the API answers them; the page passes the accessibility check and is photographed', async () => {
    const causes = await report('/v1/reports/root-causes', { from: dashboardWindow.from, to: dashboardWindow.to });
    expect(causes.responses).toBeGreaterThan(0);
    const shown = part(manager, 'Root causes');
    await expect(rowsOf(shown.getByRole('table', { name: 'Root causes' }))).resolves.toEqual(
      causes.causes.map((row: any) => [
        row.category,
        en.month(row.month),
        row.cause === '(none)' ? 'none named' : row.label ? `${row.label} (${row.cause})` : row.cause,
        en.count(row.responses),
        row.recurring ? 'Recurring' : '',
      ]),
    );
    for (const name of reportParts) await expect(part(manager, name).getByRole('status').first().textContent()).resolves.toMatch(/^Figures include events up to position \d+\.$/);
    await screenshot(manager, '10-dashboard-reports');
    await expectAccessible(manager, 'dashboard with reports');
    await manager.context().close();
  });

  it('an agent on the dashboard sees none of the reports, and the page never asks for them', async () => {
    const agentPage = await openPage(browser);
    const asked: string[] = [];
    agentPage.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/reports/')) asked.push(request.url());
    });
    await signIn(agentPage, system.baseUrl, TEST_KEYS.agent);
    await agentPage.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await agentPage.getByRole('img', { name: 'Queue depth per queue' }).waitFor();
    // the role table is read (the navigation shows from it), so the reports are left out because of the role
    await agentPage.getByRole('navigation').getByRole('link', { name: 'Cases', exact: true }).waitFor();
    await expect(agentPage.getByRole('heading', { name: 'Reports', exact: true }).count()).resolves.toBe(0);
    for (const name of reportParts) await expect(agentPage.getByRole('heading', { name, exact: typeof name === 'string' }).count()).resolves.toBe(0);
    await expect(agentPage.getByRole('button', { name: 'Download CSV' }).count()).resolves.toBe(0);
    expect(asked).toEqual([]);
    await agentPage.context().close();
  });

  it('in Hebrew the reports read right to left', async () => {
    const page = await openPage(browser, { locale: 'he-IL', timezoneId: 'Asia/Jerusalem' });
    await page.goto(`${system.baseUrl}/console/dashboard`);
    await page.getByLabel('מפתח API', { exact: true }).fill(TEST_KEYS.auditor);
    await page.getByRole('button', { name: 'כניסה', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'דוחות', exact: true }).waitFor();
    await part(page, 'גורמי שורש').getByRole('table', { name: 'גורמי שורש' }).waitFor();
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    await screenshot(page, '11-dashboard-reports-hebrew');
    await expectAccessible(page, 'dashboard with reports in Hebrew');
    await page.context().close();
  });
});

describe('a flagged gap on the dashboard (a store of its own, built to have gaps)', () => {
  // as in the fairness report's own spec: business customers are first contacted and answered later than retail ones, three VIP letters are too few to judge
  const day = Date.now() - 10 * 86_400_000; // inside the dashboard's default window (the last 90 days)
  const at = (minutes: number) => new Date(day + minutes * 60_000);
  const histories = [
    ...Array.from({ length: 12 }, (_, i) => new CaseHistory({ receivedAt: at(i), segment: 'retail', channel: 'phone' }).wait(1 + i / 2).contact().resolve('upheld')),
    ...Array.from({ length: 12 }, (_, i) => new CaseHistory({ receivedAt: at(20 + i), segment: 'business', channel: 'email' }).wait(8 + i / 2).contact().resolve('rejected')),
    ...[0, 1, 2].map((i) => new CaseHistory({ receivedAt: at(40 + i), segment: 'vip', language: null, channel: 'letter' }).wait(2).contact()),
  ];
  const metricNames: Record<string, string> = {
    timeToAcknowledgment: 'Time to acknowledgment',
    timeToFirstContact: 'Time to first contact',
    timeToFinalResponse: 'Time to final response',
    upheld: 'Upheld',
    reopened: 'Reopened',
    escalated: 'Escalated',
    compensationOffered: 'Offered compensation',
    compensationApproved: 'Compensation approved',
    promiseBroken: 'Promise broken',
  };
  const testNames: Record<string, string> = { 'mann-whitney-u': 'Mann-Whitney U', 'two-proportion-z': 'two-proportion z-test' };
  const p = (value: number) =>
    new Intl.NumberFormat('en', value !== 0 && value < 0.001 ? { notation: 'scientific', maximumSignificantDigits: 2 } : { maximumSignificantDigits: 2 }).format(value);
  const percent = (value: number | null) => (value === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value));
  /** the fairness report's way of showing a duration in English: seconds under a minute, then as the console says durations */
  const duration = (ms: number | null) => {
    if (ms === null) return '—';
    const hours = ms / 3_600_000;
    const unit = (value: number, name: string, digits: number) => new Intl.NumberFormat('en', { style: 'unit', unit: name, maximumFractionDigits: digits, unitDisplay: 'long' }).format(value);
    if (ms < 60_000) return unit(ms / 1000, 'second', 1);
    return hours >= 48 ? unit(hours / 24, 'day', 1) : hours >= 1 ? unit(hours, 'hour', 1) : unit(ms / 60_000, 'minute', 0);
  };

  let reports: ReportSystem;

  beforeAll(async () => {
    reports = await startReportSystem(histories, writePolicyVariant('test-fast.yaml', { reports: { fairnessAlpha: 0.05, minGroupSize: 10, recurringCauseThreshold: 3 } }).file);
  });

  afterAll(async () => {
    await reports?.close();
  });

  it('a director sees each flagged gap with its test, p-values and sample sizes as the API answers them, and the too-small group said so', async () => {
    const page = await openPage(browser);
    await signIn(page, reports.system.baseUrl, TEST_KEYS.director);
    const asked = page.waitForRequest((request) => new URL(request.url()).pathname === '/v1/reports/fairness');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    const search = new URL((await asked).url()).searchParams;
    const fairness = (await call(reports.system.baseUrl, 'GET', `/v1/reports/fairness?${search}`, { key: 'director' })).body;
    const flagged = fairness.comparisons.filter((comparison: any) => comparison.flagged);
    // built to have them: business slower to first contact and to a final response than the rest, retail quicker
    expect(flagged.length).toBeGreaterThan(0);

    const shown = page.getByRole('region', { name: 'Fairness', exact: true });
    const caption = `${flagged.length} gaps flagged (α = 0.05, Holm-adjusted)`;
    const gaps = shown.getByRole('table', { name: caption, exact: true });
    await gaps.waitFor();
    const rows = await gaps.locator('tbody tr').evaluateAll((trs) => trs.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')));
    expect(rows).toEqual(
      flagged.map((gap: any) => {
        const value = gap.test === 'mann-whitney-u' ? duration : percent;
        return [
          gap.group,
          metricNames[gap.metric],
          testNames[gap.test],
          value(gap.values.group),
          value(gap.values.rest),
          p(gap.pValue),
          p(gap.adjustedPValue),
          `${gap.sizes.group} vs ${gap.sizes.rest}`,
        ];
      }),
    );
    await expect(shown.getByText(/^No gap flagged/).count()).resolves.toBe(0);
    await shown.getByRole('rowheader', { name: 'vip (too small to judge)', exact: true }).waitFor();
    await shown.getByText('1 group has fewer than 10 cases: its figures are shown, not compared with the rest.', { exact: true }).waitFor();
    await shown.scrollIntoViewIfNeeded();
    await screenshot(page, '12-dashboard-fairness-gaps');
    await expectAccessible(page, 'dashboard with flagged gaps');
    await page.context().close();
  });
});
