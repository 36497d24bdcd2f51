// Starts the whole system the way the README's run command does (MedSpa.Functions on MedSpa.LocalHost, with the local
// sign-in provider and a freshly seeded demo clinic in a temporary data folder) and a headless Debian chromium.
import { before, after } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..', '..');
export const screenshots = join(here, 'screenshots');
// Each test file runs its own app; files may run in parallel, so each passes its own port offset.
const portBase = Number(process.env.E2E_PORT_BASE ?? 7180);
export let appPort = portBase + 1;
export let signInPort = portBase + 2;
export let baseUrl = `http://127.0.0.1:${appPort}`;
/** The ACS fake's address: its root is the developers' outbox page. */
export let acsUrl = `http://127.0.0.1:${portBase + 5}`;
/** The Google and Microsoft 365 calendars' fake: its root adds a busy time to a practitioner's calendar. */
export let calendarsUrl = `http://127.0.0.1:${portBase + 6}`;
export const password = 'medspa-demo';

export async function startApp({ offset = 0 } = {}) {
  appPort = portBase + 1 + offset;
  signInPort = portBase + 2 + offset;
  baseUrl = `http://127.0.0.1:${appPort}`;
  acsUrl = `http://127.0.0.1:${portBase + 5 + offset}`;
  calendarsUrl = `http://127.0.0.1:${portBase + 6 + offset}`;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'medspa-e2e-'));
  const app = spawn('dotnet', ['run', '--no-build', '--project', join(repo, 'functions', 'MedSpa.Functions')], {
    cwd: repo,
    env: {
      ...process.env,
      ASPNETCORE_URLS: baseUrl,
      DataDir: dataDir,
      Identity__Authority: `http://127.0.0.1:${signInPort}`,
      LocalAzurite__Port: String(portBase + 3 + offset), // each file's app its own Azurite, as it has its own sign-in
      StripeFake__Port: String(portBase + 4 + offset), // and its own Stripe fake (test payments)
      AcsFake__Port: String(portBase + 5 + offset), // and its own ACS fake (test messages; its outbox page: acsUrl)
      CalendarFake__Port: String(portBase + 6 + offset), // and its own calendars' fake (practitioners' Google and Microsoft 365)
      Logging__LogLevel__Default: 'Warning',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  app.stdout.on('data', d => { log += d; });
  app.stderr.on('data', d => { log += d; });
  const exited = new Promise(resolve => app.on('exit', resolve));

  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`The app exited during start:\n${log}`);
    try {
      const health = await fetch(`${baseUrl}/api/health`);
      const signIn = await fetch(`http://127.0.0.1:${signInPort}/.well-known/openid-configuration`);
      if (health.ok && signIn.ok) break;
    } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) throw new Error(`The app did not start in time:\n${log}`);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });

  return {
    browser,
    log: () => log,
    async stop() {
      await browser.close().catch(() => {});
      // The app runs in its own process group: end it and everything it started (the sign-in provider).
      try { process.kill(-app.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise(r => setTimeout(r, 15_000))]);
      try { process.kill(-app.pid, 'SIGKILL'); } catch { /* already gone */ }
      rmSync(dataDir, { recursive: true, force: true }); // the app's store and files: a run leaves nothing behind
    },
  };
}

/** Signs in through the local OpenID Connect provider's page, exactly as a person would. */
export async function signIn(page, email) {
  await page.goto(baseUrl + '/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(url => url.origin === baseUrl && !url.pathname.startsWith('/auth/callback'), { timeout: 30_000 });
}

export async function shot(page, name) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Clicks through the day strip (from day `from`) until a day offers times; picks its first time and returns its label. */
export async function pickFreeTime(scope, from = 0) {
  const days = scope.getByRole('group', { name: 'Day' }).getByRole('button');
  const count = await days.count();
  for (let i = from; i < count; i++) {
    await days.nth(i).click();
    const times = scope.getByRole('group', { name: /^Times on / }).getByRole('button');
    try {
      await times.first().waitFor({ timeout: 3_000 });
    } catch { continue; }
    const label = await times.first().innerText();
    await times.first().click();
    return label;
  }
  throw new Error('No free time in the next two weeks');
}

/**
 * A patient's booking steps on the booking page, up to the review: the location, the treatment, any practitioner, and
 * the first free time from day `from` (times read in the location's `zone`, e.g. "New York"). Returns the time's label.
 */
export async function chooseTreatmentAndTime(page, { location, service, zone, from = 0 }) {
  await page.getByRole('radiogroup', { name: 'Location' }).waitFor();
  await page.getByRole('radio', { name: location }).check();
  await page.getByRole('radio', { name: service }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Any available practitioner' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText(new RegExp(`Times are in ${zone} time`)).waitFor();
  const time = await pickFreeTime(page, from);
  const continueToReview = page.getByRole('button', { name: 'Continue' });
  if (await continueToReview.count()) await continueToReview.click();
  return time;
}

/** Types a test card into the deposit step (Stripe's good test card unless told otherwise; the local Stripe fake takes it). */
export async function fillCard(page, number = '4242 4242 4242 4242') {
  await page.getByText('Test payments — no real card is charged').waitFor();
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('CVC').fill('123');
}

/**
 * Pays an opened payment (what POST …/deposit answers) as the page's test-card form does: the card to the local Stripe
 * fake with the publishable key, then the intent confirmed with its client secret. Stripe's answer to the confirmation.
 */
export async function payWithTestCard(checkout, number) {
  const { testApiBase, publishableKey } = checkout.provider;
  const post = (path, form) => fetch(`${testApiBase}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${publishableKey}` }, body: new URLSearchParams(form) });
  const method = await (await post('/v1/payment_methods', { type: 'card', 'card[number]': number.replace(/\s/g, ''), 'card[exp_month]': '12', 'card[exp_year]': '2030', 'card[cvc]': '123' })).json();
  return post(`/v1/payment_intents/${checkout.paymentId}/confirm`, { payment_method: method.id, client_secret: checkout.clientSecret });
}

/** axe's serious and critical findings on the page as it is now (AXE_HTML=1 adds each node's markup). */
export async function seriousAxeViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ') + (process.env.AXE_HTML ? ` ${n.html}` : '')).join(', ')}`);
}

/** A page in a context of its own (axe needs one) at the given size (and any other context options); page.done() closes both. */
export async function openPage(browser, viewport = { width: 1366, height: 768 }, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.done = () => context.close();
  return page;
}

/** Fails the test with axe's serious and critical findings on the page, naming the state it was in. */
export async function assertAccessible(page, state) {
  const { deepEqual } = await import('node:assert/strict');
  deepEqual(await seriousAxeViolations(page), [], `axe on ${state}`);
}

const tokens = {};
/** The API as one of the demo people (a dev token, kept per person); the body and the ETag, or an error saying why. */
export async function apiAs(email, path, init = {}) {
  tokens[email] ??= (await (await fetch(`${baseUrl}/api/dev/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }),
  })).json()).accessToken;
  const response = await fetch(baseUrl + path, {
    ...init,
    headers: { authorization: `Bearer ${tokens[email]}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return { body, etag: response.headers.get('etag') };
}

/**
 * Starts the app for the test file that calls it (before its first test; each file a block of ports) and stops it
 * after. The answer is filled in when the app has started: its `browser` is there from the first test on.
 */
export function useApp({ offset }) {
  const app = {};
  before(async () => { Object.assign(app, await startApp({ offset })); }, { timeout: 240_000 });
  after(async () => { await app.stop?.(); });
  return app;
}

/** The people of the demo clinic, and the widths they work at. */
export const people = {
  admin: 'admin@demo.medspa.test', desk: 'frontdesk@demo.medspa.test', injector: 'injector@demo.medspa.test', patient: 'patient@demo.medspa.test',
};
export const screens = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
