import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
import { createLockout, lockoutMessage, localeFrom, readLimit } from '../../functions/MedSpa.LocalHost/oidc/lockout.mjs';
const { signIn, shot } = e2e;
const app = e2e.useApp({ offset: 20 });

// The demo patient: the other test files run their own app (and sign-in provider), so locking it here touches nobody else.
const patient = 'patient@demo.medspa.test';
const wrongPasswordMessage = 'Email or password is incorrect';
const lockedMessage = /^Too many failed attempts\. This account is locked until (\d{1,2}:\d{2}\s?[AP]M) \(in 15 minutes\)\. Try again then, or ask the clinic to help\.$/;
const clock = (ms) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(new Date(ms));

/** Types an email and password on the provider's page and presses Sign in; resolves once the answer has loaded. */
async function attempt(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const loaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await loaded;
  return (await page.getByRole('alert').innerText()).trim();
}


async function openSignInPage(browser) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(e2e.baseUrl + '/');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByLabel('Password').waitFor();
  return { context, page };
}

test('on a phone, five wrong passwords lock the patient out for 15 minutes with a clear message; the right password is then refused too', async () => {
  const { context, page } = await openSignInPage(app.browser);
  await shot(page, '20-lockout-sign-in-page-phone');

  for (let i = 1; i <= 4; i++) {
    const message = await attempt(page, patient, `not-the-password-${i}`);
    assert.equal(message, wrongPasswordMessage, `attempt ${i}`);
    if (i === 1) await shot(page, '21-lockout-first-wrong-password-phone');
  }
  await shot(page, '22-lockout-fourth-wrong-password-phone');

  const beforeFifth = Date.now();
  const locked = await attempt(page, patient, 'not-the-password-5');
  const afterFifth = Date.now();
  await shot(page, '23-lockout-locked-phone');
  const [, until] = locked.match(lockedMessage) ?? assert.fail(`not the lockout message: ${locked}`);
  assert.ok([clock(beforeFifth + 15 * 60_000), clock(afterFifth + 15 * 60_000)].includes(until), `locked until ${until}`);

  // The message is tied to the form and its fields, which are not marked wrong (the next password may be right).
  const alertId = await page.getByRole('alert').getAttribute('id');
  assert.equal(await page.locator('form').getAttribute('aria-describedby'), alertId);
  assert.equal(await page.getByLabel('Password').getAttribute('aria-describedby'), alertId);
  assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), null);
  assert.equal(await page.getByLabel('Email').inputValue(), patient);
  assert.deepEqual(await e2e.seriousAxeViolations(page), []);

  // The right password is refused with the same message while the lock lasts, and nobody is signed in.
  await page.getByLabel('Password').fill(e2e.password);
  await shot(page, '24-lockout-right-password-typed-phone');
  const stillLocked = await attempt(page, patient, e2e.password);
  await shot(page, '25-lockout-right-password-refused-phone');
  const [, stillUntil] = stillLocked.match(lockedMessage) ?? assert.fail(`not the lockout message: ${stillLocked}`);
  assert.equal(stillUntil, until, 'a refused attempt does not move the end of the lock');
  assert.notEqual(new URL(page.url()).origin, e2e.baseUrl, 'still on the sign-in page');
  assert.deepEqual(await e2e.seriousAxeViolations(page), []);
  await context.close();

  // The lock is per account: another person signs in as usual.
  const other = await app.browser.newPage({ viewport: { width: 375, height: 812 } });
  await signIn(other, 'frontdesk@demo.medspa.test');
  assert.equal(new URL(other.url()).origin, e2e.baseUrl);
  await other.close();
});

test('an unknown email gets the same answers as a known one, including the lockout, so neither tells whether an account exists', async () => {
  const { context, page } = await openSignInPage(app.browser);
  const nobody = 'nobody@demo.medspa.test';
  for (let i = 1; i <= 4; i++) assert.equal(await attempt(page, nobody, e2e.password), wrongPasswordMessage, `attempt ${i}`);
  assert.match(await attempt(page, nobody, e2e.password), lockedMessage);
  // Case and spaces do not make a new account to count for.
  assert.match(await attempt(page, '  NoBody@Demo.MedSpa.test ', e2e.password), lockedMessage);
  await context.close();
});

test('lockout rules with a moved clock: the lock ends 15 minutes after the 5th failure, a success resets the count', () => {
  let now = Date.parse('2030-05-06T14:00:00Z');
  const lockout = createLockout({ attempts: 5, minutes: 15, now: () => now });
  const who = 'patient@demo.medspa.test';

  // Four failures, a success, then four more: never locked, because the success started the count again.
  for (let i = 0; i < 4; i++) assert.equal(lockout.fail(who).locked, false);
  lockout.succeed(who);
  for (let i = 0; i < 4; i++) { now += 60_000; assert.equal(lockout.fail(who).locked, false); }

  // The fifth failure in a row locks, for 15 minutes from that failure; attempts while locked do not extend it.
  const fifth = now;
  const locked = lockout.fail(' Patient@Demo.MedSpa.test ');
  assert.deepEqual([locked.locked, locked.until.getTime()], [true, fifth + 15 * 60_000]);
  now += 10 * 60_000;
  assert.equal(lockout.fail(who).until.getTime(), fifth + 15 * 60_000);
  assert.equal(lockout.status(who).locked, true);
  assert.equal(lockout.status('frontdesk@demo.medspa.test').locked, false);

  // One millisecond before the end it is still locked; at the end it is open and the count starts from zero.
  now = fifth + 15 * 60_000 - 1;
  assert.equal(lockout.status(who).locked, true);
  now += 1;
  assert.deepEqual(lockout.status(who), { locked: false, failures: 0 });
  assert.equal(lockout.fail(who).failures, 1);

  // The message says the time as a clock reads it and how long is left, rounded up.
  const until = new Date(fifth + 15 * 60_000);
  assert.equal(lockoutMessage(until, { now: fifth, locale: 'en-US', timeZone: 'America/New_York' }).replace(/\s/g, ' '),
    'Too many failed attempts. This account is locked until 10:19 AM (in 15 minutes). Try again then, or ask the clinic to help.');
  assert.match(lockoutMessage(until, { now: until.getTime() - 30_000, locale: 'en-GB', timeZone: 'UTC' }), /until 14:19 \(in 1 minute\)/);
  assert.equal(localeFrom('en-GB,en;q=0.9'), 'en-GB');
  assert.equal(localeFrom('not a tag, *'), 'en-US');

  // Limits come from OIDC_LOCKOUT_ATTEMPTS and OIDC_LOCKOUT_MINUTES (5 and 15 when unset); nonsense stops the provider.
  assert.equal(readLimit(undefined, 5, 'OIDC_LOCKOUT_ATTEMPTS', { whole: true }), 5);
  assert.equal(readLimit('3', 5, 'OIDC_LOCKOUT_ATTEMPTS', { whole: true }), 3);
  assert.equal(readLimit('0.5', 15, 'OIDC_LOCKOUT_MINUTES'), 0.5);
  for (const bad of ['0', '-1', '2.5', 'five']) assert.throws(() => readLimit(bad, 5, 'OIDC_LOCKOUT_ATTEMPTS', { whole: true }), /OIDC_LOCKOUT_ATTEMPTS must be/);
  const short = createLockout({ attempts: 2, minutes: 0.5, now: () => now });
  short.fail('x@y.test');
  assert.equal(short.fail('x@y.test').until.getTime(), now + 30_000);

  // Anyone can type any email, so only so many are remembered: the oldest unlocked ones go first, locks stay.
  const small = createLockout({ attempts: 2, minutes: 15, maxTracked: 3, now: () => now });
  small.fail('locked@y.test'); small.fail('locked@y.test');
  for (const n of [1, 2, 3]) small.fail(`guess${n}@y.test`);
  assert.equal(small.status('locked@y.test').locked, true);
  assert.equal(small.status('guess1@y.test').failures, 0);
  assert.equal(small.status('guess3@y.test').failures, 1);
});
