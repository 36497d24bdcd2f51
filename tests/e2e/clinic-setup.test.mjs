import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { startApp, signIn, shot } = e2e;

let app;
before(async () => { app = await startApp(); }, { timeout: 240_000 });
after(async () => { await app?.stop(); });

test('the run command serves the health report and the web app with its security headers', async () => {
  const health = await (await fetch(`${e2e.baseUrl}/api/health`)).json();
  assert.equal(health.status, 'ok');
  assert.equal(health.store, 'sqlite');
  assert.equal(health.identityProvider, 'local-oidc');

  const home = await fetch(`${e2e.baseUrl}/auth/callback`);
  assert.equal(home.status, 200);
  assert.match(await home.text(), /<div id="root">/);
  assert.match(home.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(home.headers.get('x-content-type-options'), 'nosniff');
});

test('staff pages are role-protected by staticwebapp.config.json: signed-out visitors are sent to sign in', async () => {
  const staff = await fetch(`${e2e.baseUrl}/staff/services`, { redirect: 'manual' });
  assert.equal(staff.status, 302);
  assert.equal(staff.headers.get('location'), '/.auth/login/medspa?post_login_redirect_uri=%2Fstaff%2Fservices');
  const me = await (await fetch(`${e2e.baseUrl}/.auth/me`)).json();
  assert.equal(me.clientPrincipal, null);
});

test('an admin signs in, creates a service and sees it in the list', async () => {
  const page = await e2e.openPage(app.browser);
  await signIn(page, 'admin@demo.medspa.test');
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('button', { name: 'New service' }).waitFor();
  await shot(page, '01-admin-services-list');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 01-admin-services-list');

  // A full page load passes the Static Web Apps gate: it signs the admin in there too (the provider's session
  // brings them straight back) and the SPA keeps its own sign-in (sessionStorage) through the round trip.
  const reloaded = await page.goto(`${e2e.baseUrl}/staff/services`);
  assert.equal(reloaded.status(), 200);
  await page.getByRole('button', { name: 'New service' }).waitFor();

  await page.getByRole('button', { name: 'New service' }).click();
  await page.getByLabel('Name', { exact: true }).fill('E2E Glow Facial');
  await page.getByLabel('Category').selectOption('Facial');
  await page.getByLabel('Description').fill('Created by the end-to-end test.');
  await page.getByLabel('Duration (minutes)').fill('50');
  await page.getByLabel('Price', { exact: true }).fill('185.00');
  await shot(page, '02-admin-new-service');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 02-admin-new-service');
  await page.getByRole('button', { name: 'Save' }).click();

  await page.getByRole('searchbox', { name: 'Search services' }).or(page.getByLabel('Search services')).first().fill('E2E Glow');
  await page.getByRole('link', { name: 'E2E Glow Facial' }).waitFor({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Botox – one area' }).waitFor({ state: 'detached', timeout: 15_000 });
  await shot(page, '03-admin-service-in-list');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 03-admin-service-in-list');

  // Signing out ends both the SPA's session and the Static Web Apps gate's, so the next person starts clean.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(url => url.pathname === '/' || url.pathname === '', { timeout: 15_000 });
  const me = await page.evaluate(async () => (await fetch('/.auth/me')).json());
  assert.equal(me.clientPrincipal, null);
  await page.done();
});

test('front desk signs in and can look at a service but not edit it', async () => {
  const page = await e2e.openPage(app.browser);
  await signIn(page, 'frontdesk@demo.medspa.test');
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('link', { name: /HydraFacial/ }).first().click();
  await page.getByText('Only admins can change it').waitFor();

  assert.equal(await page.getByRole('button', { name: 'Save' }).count(), 0);
  assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'New service' }).count(), 0);
  await shot(page, '04-frontdesk-service-read-only');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 04-frontdesk-service-read-only');
  await page.done();
});

test('the patient sees only the patient area, at phone width', async () => {
  const context = await app.browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await signIn(page, 'patient@demo.medspa.test');

  await page.waitForURL(url => url.pathname.startsWith('/patient'));
  await page.getByRole('heading', { name: /Welcome, Pat/ }).waitFor();
  await page.getByText('No upcoming appointments').waitFor();
  await shot(page, '05-patient-home-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 05-patient-home-phone');

  // The Static Web Apps gate signs the patient in (the provider's session brings them straight back) and refuses them.
  const refused = await page.goto(`${e2e.baseUrl}/staff/services`);
  assert.equal(refused.status(), 403);
  assert.equal(new URL(page.url()).pathname, '/staff/services');
  await page.getByRole('heading', { name: 'Not available for your account' }).waitFor();
  const me = await page.evaluate(async () => (await (await fetch('/.auth/me')).json()).clientPrincipal);
  assert.deepEqual(me.userRoles, ['anonymous', 'authenticated', 'patient']);
  assert.equal(me.userDetails, 'patient@demo.medspa.test');
  await shot(page, '06-patient-cannot-open-staff');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 06-patient-cannot-open-staff');
  await context.close();
});
