import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as e2e from './app.mjs';
const { startApp, signIn, shot } = e2e;

let app;
before(async () => { app = await startApp({ offset: 40 }); }, { timeout: 240_000 });
after(async () => { await app?.stop(); });

const patient = 'patient@demo.medspa.test';


async function tokenFor(email) {
  const response = await fetch(`${e2e.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  return (await response.json()).accessToken;
}

async function api(path, { method = 'GET', body, token } = {}) {
  const response = await fetch(`${e2e.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return response;
}

/** A held booking whose deposit card is declined, made through the API, so the Cancelled tab has one to explain. */
async function declinedBooking(token) {
  const locations = (await (await api('/api/booking/locations', { token })).json()).items;
  const soho = locations.find(l => l.name === 'SoHo');
  const services = (await (await api(`/api/booking/services?locationId=${soho.id}`, { token })).json()).items;
  const ipl = services.find(s => s.name === 'IPL photofacial');
  const from = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 26 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await (await api(`/api/booking/availability?serviceId=${ipl.id}&locationId=${soho.id}&from=${from}&to=${to}`, { token })).json();
  const held = await (await api('/api/booking/appointments', { method: 'POST', token, body: { serviceId: ipl.id, locationId: soho.id, startTime: slots[0].startTime } })).json();
  assert.equal(held.status, 'pending-deposit');
  const checkout = await (await api(`/api/booking/appointments/${held.id}/deposit`, { method: 'POST', token })).json();
  assert.equal((await e2e.payWithTestCard(checkout, '4000 0000 0000 0002')).status, 402);
  for (let i = 0; i < 100; i++) {
    const current = await (await api(`/api/booking/appointments/${held.id}`, { token })).json();
    if (current.status !== 'pending-deposit') return current;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('the declined hold was not released');
}

test('on a phone, a patient books, reschedules, shows the check-in code, adds the visit to a calendar and gets directions; a declined deposit says why', async () => {
  const context = await app.browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, patient);
  const token = await tokenFor(patient);

  // Book a treatment without a deposit.
  await page.getByRole('button', { name: 'Book an appointment' }).first().click();
  await e2e.chooseTreatmentAndTime(page, { location: 'SoHo', service: 'Xeomin', zone: 'New York' });
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: 30_000 });
  const bookedCode = (await page.getByText(/^Code: /).innerText()).replace('Code: ', '').trim();
  await shot(page, '40-patient-appointments-booked-phone');

  // My appointments: the card with its actions.
  await page.getByRole('link', { name: 'My appointments' }).click();
  const upcoming = page.getByRole('tabpanel', { name: 'Upcoming' });
  const card = upcoming.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /Xeomin/ }) });
  await card.first().waitFor();
  assert.equal(await card.count(), 1);
  await card.getByRole('button', { name: 'Check-in code' }).waitFor();
  await shot(page, '41-patient-appointments-list-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'my appointments');

  // Reschedule: pick a new time, confirm, and read it on the card.
  const before = (await card.locator('.appt-card__when').innerText()).trim();
  await card.getByRole('button', { name: 'Reschedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reschedule Xeomin' });
  await dialog.getByRole('group', { name: 'Day' }).waitFor();
  await e2e.pickFreeTime(dialog, 2);
  const chosen = (await dialog.locator('.reschedule__new strong').innerText()).trim();
  await shot(page, '42-patient-appointments-reschedule-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'reschedule dialog');
  await dialog.getByRole('button', { name: 'Confirm new time' }).click();
  await page.getByText(`Your Xeomin appointment is now on ${chosen}.`).waitFor({ timeout: 15_000 });
  await page.waitForFunction(
    ([label]) => [...document.querySelectorAll('.appt-card__when')].some(p => p.textContent.trim() === label),
    [chosen],
  );
  const after = (await card.locator('.appt-card__when').innerText()).trim();
  assert.equal(after, chosen);
  assert.notEqual(after, before);
  await shot(page, '43-patient-appointments-rescheduled-phone');

  const mine = await (await api('/api/booking/my-appointments', { token })).json();
  const booked = mine.upcoming.find(a => a.serviceName === 'Xeomin');
  assert.equal(booked.checkInCode, bookedCode);
  assert.ok(booked.locationAddressText, 'the API sends the address');

  // The check-in code: a scannable QR code and the code as text.
  await card.getByRole('button', { name: 'Check-in code' }).click();
  const codeDialog = page.getByRole('dialog', { name: 'Check-in code' });
  const qr = codeDialog.getByRole('img', { name: /Check-in QR code/ });
  await qr.waitFor();
  await page.waitForFunction(() => document.querySelector('.dialog img.qr')?.complete && document.querySelector('.dialog img.qr').naturalWidth > 0);
  const box = await qr.boundingBox();
  assert.ok(box.width >= 200 && box.height >= 200, `QR is ${box.width}×${box.height}`);
  const codeText = (await codeDialog.getByText(/^Code: /).innerText()).replace('Code: ', '').trim();
  assert.equal(codeText, bookedCode);
  await shot(page, '44-patient-appointments-check-in-code-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'check-in code dialog');
  await codeDialog.getByRole('button', { name: 'Close' }).click();
  await codeDialog.waitFor({ state: 'detached' });

  // Add to calendar: the link downloads the appointment's iCalendar file, at its new time.
  const add = card.getByRole('link', { name: 'Add to calendar' });
  const href = await add.getAttribute('href');
  assert.equal(href, `/api/booking/appointments/${booked.id}/calendar.ics`);
  const [download] = await Promise.all([page.waitForEvent('download'), add.click()]);
  const ics = await readFile(await download.path(), 'utf8');
  assert.match(download.suggestedFilename(), /^xeomin-\d{4}-\d\d-\d\d\.ics$/);
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  const utc = new Date(booked.startTime).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  assert.match(ics, new RegExp(`\r\nDTSTART:${utc}\r\n`));
  assert.match(ics, new RegExp(`\r\nUID:${booked.id}@demo\\.medspa\r\n`));
  const served = await api(href, { token });
  assert.equal(served.status, 200);
  assert.match(served.headers.get('content-type'), /^text\/calendar/);
  assert.equal(await served.text(), ics);
  await shot(page, '45-patient-appointments-calendar-downloaded-phone');

  // Directions: a maps search of the location's address as the API gives it.
  const directions = card.getByRole('link', { name: /Directions/ });
  const maps = new URL(await directions.getAttribute('href'));
  assert.equal(maps.origin + maps.pathname, 'https://www.google.com/maps/search/');
  assert.ok(maps.searchParams.get('query').includes(booked.locationAddressText), maps.searchParams.get('query'));
  assert.equal(await directions.getAttribute('target'), '_blank');

  // A booking released because its deposit was declined says so in the Cancelled tab.
  const declined = await declinedBooking(token);
  assert.equal(declined.statusReasonCode, 'deposit-declined');
  await page.reload();
  await page.getByRole('tab', { name: 'Cancelled' }).click();
  const cancelled = page.getByRole('tabpanel', { name: 'Cancelled' });
  const released = cancelled.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /IPL photofacial/ }) });
  await released.first().waitFor();
  assert.match(await released.first().innerText(), /Cancelled — the deposit payment was declined/);
  await shot(page, '46-patient-appointments-declined-deposit-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'cancelled tab');
  await context.close();
});
