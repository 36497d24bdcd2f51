import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot, apiAs, people, openPage, assertAccessible } = e2e;

const app = e2e.useApp({ offset: 110 });

test('a patient replies C by text and the desk sees the visit confirmed; a question waits in the desk inbox until done', async () => {
  // A patient with a mobile number and a visit next week, made by the desk through the API.
  const phone = `+1212555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  const { body: patient } = await apiAs(people.desk, '/api/patients', { method: 'POST', body: JSON.stringify({ firstName: 'Tia', lastName: 'Texter', email: `tia.${Date.now()}@example.com`, phone }) });
  const { body: locations } = await apiAs(people.desk, '/api/booking/locations');
  const soho = locations.items.find(l => l.name === 'SoHo');
  const { body: services } = await apiAs(people.desk, `/api/booking/services?locationId=${soho.id}`);
  const consultation = services.items.find(s => s.name === 'Aesthetic consultation');
  const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
  const { body: free } = await apiAs(people.desk, `/api/booking/availability?serviceId=${consultation.id}&locationId=${soho.id}&from=${from}&to=${to}`);
  const { body: booked } = await apiAs(people.desk, '/api/booking/appointments', {
    method: 'POST', body: JSON.stringify({ serviceId: consultation.id, locationId: soho.id, startTime: free.slots[0].startTime, patientId: patient.id, source: 'phone' }),
  });
  assert.equal(booked.status, 'scheduled');

  // The developer, on the fake's outbox page, replies as the patient would: "C".
  const outbox = await openPage(app.browser, { width: 1280, height: 900 });
  await outbox.goto(e2e.acsUrl);
  await outbox.getByLabel("From (the patient's mobile number)").fill(phone);
  await outbox.getByLabel('Message').fill('C');
  await outbox.getByRole('button', { name: 'Send reply' }).click();
  const reply = outbox.getByRole('article', { name: `Reply from ${phone}` });
  await reply.waitFor();
  assert.match(await reply.innerText(), /the app answered 200 .*confirmed/);
  await shot(outbox, '170-developer-replies-C');
  await assertAccessible(outbox, '170-developer-replies-C');

  // The desk's calendar shows the visit confirmed.
  const desk = await openPage(app.browser, { width: 1366, height: 900 });
  await signIn(desk, people.desk);
  await desk.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await desk.getByLabel('Location').selectOption({ label: 'SoHo' });
  const date = desk.locator('input').and(desk.getByLabel('Date'));
  await date.fill(booked.localDate ?? booked.startTime.slice(0, 10));
  await date.press('Enter');
  await desk.getByRole('button', { name: /Tia Texter.*Aesthetic consultation.*Confirmed/ }).first().waitFor({ timeout: 15_000 });
  await shot(desk, '171-desk-calendar-confirmed-by-text');

  // A question the system cannot answer waits in the desk's inbox.
  await outbox.getByLabel("From (the patient's mobile number)").fill(phone);
  await outbox.getByLabel('Message').fill('Can I bring my sister along?');
  await outbox.getByRole('button', { name: 'Send reply' }).click();
  await outbox.getByRole('article', { name: `Reply from ${phone}` }).filter({ hasText: 'sister' }).waitFor();

  await desk.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Inbox' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await desk.getByText('Can I bring my sister along?').waitFor();
  await desk.getByRole('heading', { level: 2, name: 'Open (1)' }).waitFor();
  await shot(desk, '172-desk-inbox-question');
  await assertAccessible(desk, '172-desk-inbox-question');
  // The desk texts her back from the inbox; that files the question as done, and the text reaches her phone.
  await desk.getByRole('textbox', { name: 'Reply to Tia Texter by text' }).fill('Of course, she is welcome!');
  await desk.getByRole('button', { name: 'Send reply' }).click();
  await desk.getByRole('heading', { level: 2, name: 'Open (0)' }).waitFor();
  await desk.getByText('Of course, she is welcome!').waitFor();
  await desk.getByText(/Done by frontdesk@demo\.medspa\.test/).waitFor();
  await shot(desk, '173-desk-inbox-replied');
  await assertAccessible(desk, '173-desk-inbox-replied');
  // Texts wait out 21:00–08:00 in the clinic's zone (New York): at night the reply is in the log, on its way in the morning.
  const hourInNewYork = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' }).format(new Date()));
  if (hourInNewYork >= 8 && hourInNewYork < 21) {
    const texted = outbox.getByRole('article', { name: `Text to ${phone}` }).filter({ hasText: 'Of course, she is welcome!' });
    for (let tries = 0; tries < 20 && (await texted.count()) === 0; tries++) {
      await outbox.reload();
      if ((await texted.count()) === 0) await outbox.waitForTimeout(1000);
    }
    await texted.waitFor();
  }

  // The whole conversation is in the patient's communication log.
  const { body: log } = await apiAs(people.desk, `/api/patients/${patient.id}/communications`);
  const inbound = log.items.filter(e => e.direction === 'inbound' && e.channel === 'sms').map(e => e.body);
  assert.deepEqual(inbound.sort(), ['C', 'Can I bring my sister along?']);
  assert.ok(log.items.some(e => e.direction === 'outbound' && e.channel === 'sms' && e.body === 'Of course, she is welcome!'), 'the reply is in her log');
  await outbox.done();
  await desk.done();
});

test('on a tablet, the injector makes a private calendar link, and a calendar reading it sees their visits as Booked, with no patient', async () => {
  // A visit of the injector's next week, booked by the desk.
  const { body: me } = await apiAs(people.injector, '/api/me');
  const { body: locations } = await apiAs(people.desk, '/api/booking/locations');
  const soho = locations.items.find(l => l.name === 'SoHo');
  const { body: services } = await apiAs(people.desk, `/api/booking/services?locationId=${soho.id}`);
  const consultation = services.items.find(s => s.name === 'Aesthetic consultation');
  const from = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const { body: free } = await apiAs(people.desk, `/api/booking/availability?serviceId=${consultation.id}&locationId=${soho.id}&from=${from}&to=${to}&practitionerId=${me.staffId}`);
  const { body: booked } = await apiAs(people.desk, '/api/booking/appointments', {
    method: 'POST', body: JSON.stringify({ serviceId: consultation.id, locationId: soho.id, startTime: free.slots[0].startTime, practitionerId: me.staffId, patientId: 'patient-demo-0000', source: 'phone' }),
  });

  const page = await openPage(app.browser, { width: 1024, height: 768 });
  await signIn(page, people.injector);
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'My calendars' }).click();
  await page.getByRole('heading', { level: 3, name: 'No link yet' }).waitFor();
  await shot(page, '174-injector-calendar-link-none-tablet');
  await assertAccessible(page, 'calendar link, none yet');
  await page.getByRole('button', { name: 'Make my calendar link' }).click();
  const field = page.getByRole('textbox', { name: 'Copy this link now: it is shown only once.' });
  await field.waitFor();
  const url = await field.inputValue();
  assert.match(url, /^https?:\/\/[^/]+\/api\/calendar-feeds\/[A-Za-z0-9_-]{43}\/appointments\.ics$/);
  await shot(page, '175-injector-calendar-link-made-tablet');
  await assertAccessible(page, 'calendar link, made');

  // What a calendar app subscribed to the link reads: no sign-in, the visit as "Booked", nobody's name.
  const feed = await fetch(url);
  assert.equal(feed.status, 200);
  assert.match(feed.headers.get('content-type'), /^text\/calendar/);
  const ics = await feed.text();
  assert.match(ics, new RegExp(`UID:${booked.id}@demo\\.medspa`));
  assert.match(ics, /SUMMARY:Booked/);
  assert.doesNotMatch(ics, /Pat Patient|Aesthetic consultation/);

  // Replacing it turns the old link off.
  await page.getByRole('button', { name: 'Replace link' }).click();
  await page.getByRole('dialog', { name: 'Replace your calendar link?' }).getByRole('button', { name: 'Replace link' }).click();
  await page.waitForFunction(old => document.querySelector('#calendar-link-url')?.value !== old, url);
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await fetch(await field.inputValue())).status, 200);

  // Her Google calendar's busy times block her bookings: connected here, a busy time added in Google (the fake's page).
  const calendar = `isabel.${Date.now()}@clinic.example`;
  await page.getByRole('radio', { name: 'Google Calendar' }).check();
  await page.getByRole('textbox', { name: 'Calendar', exact: true }).fill(calendar);
  await page.getByRole('button', { name: 'Connect calendar' }).click();
  await page.getByRole('heading', { level: 3, name: 'Google Calendar' }).waitFor();
  await page.getByText(/0 busy times ahead/).waitFor();
  await assertAccessible(page, 'calendar connected');
  // A time of hers well clear of the visit booked above, bookable until Google says she is busy then.
  const slot = free.slots.find(s => Date.parse(s.startTime) >= Date.parse(booked.endTime) + 3_600_000);
  const day = slot.startTime.slice(0, 10);
  const bookable = async () => (await apiAs(people.desk, `/api/booking/availability?serviceId=${consultation.id}&locationId=${soho.id}&from=${day}&to=${day}&practitionerId=${me.staffId}`)).body.slots.some(s => s.startTime === slot.startTime);
  assert.equal(await bookable(), true);
  const google = await openPage(app.browser, { width: 1280, height: 900 });
  await google.goto(e2e.calendarsUrl);
  await google.getByLabel('Calendar (a Google address, or a Microsoft user object id)').fill(calendar);
  await google.getByLabel('Starts (UTC, like 2026-12-03T15:00:00Z)').fill(new Date(slot.startTime).toISOString());
  await google.getByLabel('Minutes').fill('60');
  await google.getByRole('button', { name: 'Add busy time' }).click();
  await google.getByRole('heading', { name: "Practitioners' own calendars" }).waitFor();
  await page.reload();
  await page.getByText(/1 busy time ahead/).waitFor();
  await shot(page, '176-injector-google-calendar-connected-tablet');
  assert.equal(await bookable(), false, 'the busy time in her Google calendar is no longer bookable');

  // Her calendar on the tablet shows that hour as busy in her own calendar, beside her visits.
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Location').selectOption({ label: 'SoHo' });
  const date = page.locator('input').and(page.getByLabel('Date'));
  await date.fill(day);
  await date.press('Enter');
  await page.getByText('Busy in own calendar').first().waitFor({ timeout: 15_000 });
  await shot(page, '184-injector-calendar-own-busy-tablet');
  await assertAccessible(page, 'calendar with a busy time from her own calendar');
  await google.done();
  await page.done();
});

test('on a desktop, an admin writes the clinic’s own booking confirmation, previews it, and the next patient receives those words', async () => {
  const page = await openPage(app.browser, { width: 1366, height: 900 });
  await signIn(page, people.admin);
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('link', { name: /Messages to patients/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Messages to patients' }).waitFor();
  const confirmation = page.getByRole('group', { name: 'Booking confirmation' });
  await confirmation.getByRole('textbox', { name: 'Booking confirmation: email subject' }).fill('Welcome, {{firstName}}: you are booked');
  await confirmation.getByRole('textbox', { name: 'Booking confirmation: email', exact: true }).fill('{{service}} {{whereAndWhen}}. Change it any time at {{link}}');
  await confirmation.getByRole('button', { name: 'Preview email' }).click();
  const preview = confirmation.getByRole('region', { name: 'Booking confirmation: email preview' });
  await preview.getByText('Welcome, Ada: you are booked').waitFor();
  assert.match(await preview.innerText(), /Botox – one area at SoHo on Tuesday 8 December at 2:30 PM\. Change it any time at https:\/\/clinic\.example\/patient\/appointments/);
  await shot(page, '177-admin-message-template-preview');
  await assertAccessible(page, 'message templates with a preview');
  await page.getByRole('button', { name: 'Save messages' }).click();
  await page.getByText('Settings saved.').waitFor();

  // The desk books a new patient by phone; the confirmation in the developer outbox is the clinic's own.
  const email = `wren.${Date.now()}@example.com`;
  const { body: patient } = await apiAs(people.desk, '/api/patients', { method: 'POST', body: JSON.stringify({ firstName: 'Wren', lastName: 'Words', email }) });
  const { body: locations } = await apiAs(people.desk, '/api/booking/locations');
  const soho = locations.items.find(l => l.name === 'SoHo');
  const { body: services } = await apiAs(people.desk, `/api/booking/services?locationId=${soho.id}`);
  const consultation = services.items.find(s => s.name === 'Aesthetic consultation');
  const from = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 11 * 86_400_000).toISOString().slice(0, 10);
  const { body: free } = await apiAs(people.desk, `/api/booking/availability?serviceId=${consultation.id}&locationId=${soho.id}&from=${from}&to=${to}`);
  await apiAs(people.desk, '/api/booking/appointments', {
    method: 'POST', body: JSON.stringify({ serviceId: consultation.id, locationId: soho.id, startTime: free.slots.at(-1).startTime, patientId: patient.id, bookingSource: 'phone' }),
  });
  const outbox = await openPage(app.browser, { width: 1280, height: 900 });
  const sent = outbox.getByRole('article', { name: `Email to ${email}` });
  for (let tries = 0; tries < 20 && (await sent.count()) === 0; tries++) {
    await outbox.goto(e2e.acsUrl);
    if ((await sent.count()) === 0) await outbox.waitForTimeout(1000);
  }
  await sent.getByText('Welcome, Wren: you are booked').waitFor();
  assert.match(await sent.innerText(), /Aesthetic consultation at SoHo on .+\. Change it any time at http:\/\/127\.0\.0\.1:\d+\/patient\/appointments/);
  await shot(outbox, '178-developer-outbox-own-words');
  await apiAs(people.admin, '/api/clinic/message-templates', { method: 'PUT', headers: { 'if-match': (await apiAs(people.admin, '/api/clinic/message-templates')).etag }, body: JSON.stringify({ languages: ['en'], templates: [] }) });
});

test('on a phone, a patient joins the waitlist, is told by email when a time frees up, follows the link and books it', async () => {
  // A Microneedling visit twelve days ahead, booked by the desk for someone else: the time the patient will wait for.
  const { body: other } = await apiAs(people.desk, '/api/patients', { method: 'POST', body: JSON.stringify({ firstName: 'Oli', lastName: 'Other', email: `oli.${Date.now()}@example.com` }) });
  const { body: locations } = await apiAs(people.desk, '/api/booking/locations');
  const soho = locations.items.find(l => l.name === 'SoHo');
  const { body: services } = await apiAs(people.desk, `/api/booking/services?locationId=${soho.id}`);
  const service = services.items.find(s => s.name === 'Microneedling');
  assert.ok(service, services.items.map(s => s.name).join(', '));
  const from = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + 18 * 86_400_000).toISOString().slice(0, 10);
  const { body: free } = await apiAs(people.desk, `/api/booking/availability?serviceId=${service.id}&locationId=${soho.id}&from=${from}&to=${to}`);
  const { body: taken } = await apiAs(people.desk, '/api/booking/appointments', {
    method: 'POST', body: JSON.stringify({ serviceId: service.id, locationId: soho.id, startTime: free.slots[0].startTime, patientId: other.id, source: 'phone' }),
  });
  const day = taken.localDate ?? taken.startTime.slice(0, 10); // the start is written in the location's zone
  const { body: me } = await apiAs(people.desk, '/api/patients/patient-demo-0000');
  assert.ok(me.email, 'the demo patient has an email address to be told at');

  // The patient, on her phone, joins the waitlist for that day from her account.
  const phone = await openPage(app.browser, e2e.screens.phone);
  await signIn(phone, people.patient);
  await phone.getByRole('link', { name: 'My waitlist' }).click();
  await phone.getByRole('heading', { level: 1, name: 'My waitlist' }).waitFor();
  await phone.getByText(/You are not on the waitlist for anything/).waitFor();
  await shot(phone, '179-patient-waitlist-empty-phone');
  await assertAccessible(phone, 'my waitlist, empty');
  await phone.getByLabel(/^Where/).selectOption({ label: 'SoHo' });
  await phone.getByRole('combobox', { name: /^Treatment/ }).selectOption({ label: 'Microneedling' });
  await phone.getByLabel(/^From/).fill(day);
  await phone.getByLabel(/^To/).fill(day);
  await phone.getByRole('button', { name: 'Join the waitlist' }).click();
  await phone.getByText("You're on the waitlist for Microneedling. We'll text or email you when a time opens up.").waitFor();
  await phone.getByRole('article', { name: 'Waiting for Microneedling' }).waitFor();
  await shot(phone, '180-patient-joined-waitlist-phone');
  await assertAccessible(phone, 'my waitlist, joined');

  // The other patient cancels; the waitlist offers the time, and the outbox emails her with the link.
  await apiAs(people.desk, `/api/booking/appointments/${taken.id}?reason=${encodeURIComponent('Cannot make it')}`, { method: 'DELETE' });
  const outbox = await openPage(app.browser, { width: 1280, height: 900 });
  await outbox.goto(e2e.acsUrl);
  const email = outbox.getByRole('article', { name: `Email to ${me.email}` }).filter({ hasText: 'A time opened up' });
  for (let tries = 0; tries < 30 && (await email.count()) === 0; tries++) {
    await outbox.waitForTimeout(1000);
    await outbox.reload();
  }
  const text = await email.first().innerText();
  assert.match(text, /A time opened up for Microneedling at SoHo on .* Accept it by .* to book it: /);
  const link = text.match(/https?:\/\/\S+\/patient\/waitlist\?offer=\S+/)[0];
  await outbox.done();

  // She follows the link: the time, where, until when; one tap books it.
  await phone.goto(link);
  const offer = phone.getByRole('article', { name: new RegExp(`^Microneedling, `) });
  await offer.getByRole('button', { name: 'Accept this time' }).waitFor();
  assert.match(await offer.innerText(), /at SoHo[\s\S]*Accept by .* to book it/);
  await shot(phone, '181-patient-waitlist-offer-phone');
  await assertAccessible(phone, 'a waitlist offer');
  await offer.getByRole('button', { name: 'Accept this time' }).click();
  await phone.getByText(/You're booked\./).waitFor({ timeout: 30_000 });
  await shot(phone, '182-patient-waitlist-offer-booked-phone');
  await assertAccessible(phone, 'a waitlist offer, booked');
  await phone.getByRole('link', { name: 'See it in your appointments' }).click();
  await phone.getByRole('heading', { name: /Microneedling/ }).first().waitFor();
  await shot(phone, '183-patient-appointments-after-waitlist-phone');
  const { body: mine } = await apiAs(people.patient, '/api/booking/my-appointments');
  assert.ok(mine.upcoming.some(a => a.serviceName === 'Microneedling' && a.startTime === taken.startTime), 'the freed time is hers');
  await phone.done();
});

test('on a desktop, the desk adds a patient to the waitlist on their behalf and takes them off again', async () => {
  const desk = await openPage(app.browser, e2e.screens.desktop);
  await signIn(desk, people.desk);
  await desk.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Waitlist', exact: true }).click();
  await desk.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
  await desk.getByLabel('Location', { exact: true }).selectOption({ label: 'SoHo' });
  await desk.getByRole('searchbox', { name: 'Find a patient' }).fill('Pat Patient');
  await desk.getByRole('button', { name: 'Choose Pat Patient' }).first().click();
  await desk.getByLabel(/^Where/).selectOption({ label: 'SoHo' });
  await desk.getByRole('combobox', { name: /^Treatment/ }).selectOption({ label: 'Lip filler' });
  await desk.getByRole('button', { name: 'Add to the waitlist' }).click();
  await desk.getByText('Pat Patient is on the waitlist for Lip filler.').waitFor();
  const row = desk.getByRole('row', { name: /Pat Patient.*Lip filler/ });
  await row.waitFor();
  await shot(desk, '185-desk-waitlist-added');
  await assertAccessible(desk, 'the desk waitlist');
  await row.getByRole('button', { name: /Remove/ }).click();
  await desk.getByRole('dialog').getByRole('button', { name: 'Take off the waitlist' }).click();
  await desk.getByText('Pat Patient is off the waitlist for Lip filler.').waitFor();
  await desk.getByRole('row', { name: /Pat Patient.*Lip filler/ }).waitFor({ state: 'detached' });
  await desk.done();
});
