import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { startApp, signIn, shot } = e2e;

let app;
before(async () => { app = await startApp({ offset: 10 }); }, { timeout: 240_000 });
after(async () => { await app?.stop(); });

test('a patient books a deposit service on a phone, pays, and sees it in my appointments; the desk checks them in', async () => {
  const context = await app.browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await signIn(page, 'patient@demo.medspa.test');
  const started = Date.now();

  await page.getByRole('button', { name: 'Book an appointment' }).first().click();
  // The demo clinic has two locations, so the patient chooses one first.
  await page.getByRole('radiogroup', { name: 'Location' }).waitFor();
  await page.getByRole('radio', { name: 'SoHo' }).check();
  await page.getByRole('radio', { name: 'IPL photofacial' }).check();
  await shot(page, '10-patient-choose-treatment-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 10-patient-choose-treatment-phone');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('radio', { name: 'Any available practitioner' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByText(/Times are in New York time/).waitFor();
  const time = await e2e.pickFreeTime(page);
  await shot(page, '11-patient-choose-time-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 11-patient-choose-time-phone');
  const continueToReview = page.getByRole('button', { name: 'Continue' });
  if (await continueToReview.count()) await continueToReview.click();
  await page.getByRole('button', { name: 'Book appointment' }).click();

  // A card that asks the bank to confirm (3-D Secure): the test "bank" opens over the page, the patient confirms.
  await e2e.fillCard(page, '4000 0025 0000 3155');
  await shot(page, '12-patient-deposit-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 12-patient-deposit-phone');
  await page.getByRole('button', { name: 'Pay deposit' }).click();
  const bank = page.getByRole('dialog', { name: 'Confirm this payment with your bank' });
  await bank.waitFor();
  await shot(page, '12b-patient-deposit-3d-secure-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 12b-patient-deposit-3d-secure-phone');
  await bank.getByRole('button', { name: 'Confirm payment' }).click();

  await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: 30_000 });
  const elapsedSeconds = (Date.now() - started) / 1000;
  await page.getByRole('img', { name: 'Check-in code' }).waitFor();
  const code = (await page.getByText(/^Code: /).innerText()).replace('Code: ', '').trim();
  await shot(page, '13-patient-booked-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 13-patient-booked-phone');
  assert.ok(elapsedSeconds < 60, `booking took ${elapsedSeconds}s`);

  await page.getByRole('link', { name: 'My appointments' }).click();
  await page.getByRole('tab', { name: 'Upcoming' }).waitFor();
  await page.getByRole('heading', { name: 'IPL photofacial' }).first().waitFor();
  await shot(page, '14-patient-my-appointments-phone');
  assert.deepEqual(await e2e.seriousAxeViolations(page), [], 'axe on 14-patient-my-appointments-phone');
  await context.close();

  // A developer's look at the local outbox: the confirmation went to the patient (the sender runs every ten seconds).
  const developer = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const outbox = await developer.newPage();
  const confirmation = outbox.getByRole('article', { name: 'Email to patient@demo.medspa.test' }).filter({ hasText: "You're booked" });
  for (let tries = 0; tries < 20 && (await confirmation.count()) === 0; tries++) {
    await outbox.goto(e2e.acsUrl);
    if ((await confirmation.count()) === 0) await outbox.waitForTimeout(2000);
  }
  await confirmation.first().waitFor();
  // The booking confirmation, once the deposit made it stand: what, where and when (in the clinic's words, as any booking).
  assert.match(await confirmation.first().innerText(), /IPL photofacial at [\w ]+ on \w+ \d{1,2} \w+ at \d{1,2}:\d\d [AP]M is booked/);
  await outbox.getByText('nothing here reached a phone or an inbox').waitFor();
  await shot(outbox, '16-developer-outbox-confirmation');
  assert.deepEqual(await e2e.seriousAxeViolations(outbox), [], 'axe on 16-developer-outbox-confirmation');
  await developer.close();

  // The desk: the booking is on the calendar, and scanning the QR code checks the patient in.
  const mine = await (await fetch(`${e2e.baseUrl}/api/booking/my-appointments`, { headers: { authorization: `Bearer ${await tokenFor('patient@demo.medspa.test')}` } })).json();
  const booked = mine.upcoming.find(a => a.serviceName === 'IPL photofacial' && a.checkInCode === code);
  assert.ok(booked, 'the booking is in my appointments');
  assert.equal(booked.status, 'scheduled');
  assert.ok(time.length > 0);

  const desk = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(desk, 'frontdesk@demo.medspa.test');
  await desk.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await desk.getByLabel('Location').selectOption({ label: 'SoHo' });
  const date = desk.locator('input').and(desk.getByLabel('Date'));
  await date.fill(booked.startTime.slice(0, 10));
  await date.press('Enter');
  const block = desk.getByRole('button', { name: /IPL photofacial.*Pat Patient/ });
  await block.first().waitFor({ timeout: 15_000 });
  await shot(desk, '15-desk-calendar-with-booking');

  // A patient is checked in from the visit's day on (scanning the QR code too; the API tests cover it with a moved
  // clock). Late in the day the first free time is tomorrow's: then the desk confirms it instead, and Check in waits.
  await block.first().click();
  const dialog = desk.getByRole('dialog', { name: /IPL photofacial — Pat Patient/ });
  const actions = dialog.getByRole('group', { name: 'Change status' });
  await actions.getByRole('button').first().waitFor();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date());
  const onTheDay = booked.startTime.slice(0, 10) === today;
  assert.equal(await actions.getByRole('button', { name: 'Check in' }).count(), onTheDay ? 1 : 0, 'Check in is offered from the visit’s day');
  await actions.getByRole('button', { name: onTheDay ? 'Check in' : 'Confirm' }).click();
  await desk.waitForTimeout(1000);
  const after = await (await fetch(`${e2e.baseUrl}/api/booking/appointments/${booked.id}`, { headers: { authorization: `Bearer ${await tokenFor('frontdesk@demo.medspa.test')}` } })).json();
  assert.equal(after.status, onTheDay ? 'arrived' : 'confirmed');
  await desk.reload();
  await desk.getByRole('button', { name: new RegExp(`IPL photofacial.*Pat Patient.*${onTheDay ? 'Arrived' : 'Confirmed'}`, 'i') }).first().waitFor({ timeout: 15_000 }).catch(() => {});
  await shot(desk, '16-desk-checked-in');
  await desk.close();
});

async function tokenFor(email) {
  const response = await fetch(`${e2e.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email }) });
  return (await response.json()).accessToken;
}
