// The staff calendar as the desk (desktop) and a practitioner (tablet) use it: closed days and hours off shaded and
// not bookable, rescheduling from the appointment panel (a stale copy included), colleagues as Busy blocks, a week
// that fits the window. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot } = e2e;
const app = e2e.useApp({ offset: 30 });

const { desk: DESK, injector: INJECTOR } = e2e.people;
const { desktop } = e2e.screens;
const tablet = { width: 1024, height: 768 };

/** The API as one of the demo people: the body. */
const api = async (email, path, init) => (await e2e.apiAs(email, path, init)).body;
const { assertAccessible } = e2e;

/** The SoHo location, the people working there, and the next two weeks' hours from the calendar API. */
let soho, staff, days;
async function clinic() {
  if (soho) return;
  const locations = await api(DESK, '/api/locations');
  soho = locations.items.find(l => l.name === 'SoHo');
  staff = (await api(DESK, '/api/staff')).items;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: soho.timeZone }).format(new Date());
  const first = await api(DESK, `/api/appointments?locationId=${soho.id}&date=${today}&days=7`);
  const next = await api(DESK, `/api/appointments?locationId=${soho.id}&date=${addDays(today, 7)}&days=7`);
  days = [...first.hours, ...next.hours];
}

function addDays(ymd, n) {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const person = email => staff.find(s => s.email === email);
const name = s => `${s.firstName} ${s.lastName}`;

/** A day at least two days ahead when the location is open and the practitioner works. */
function workingDay(practitionerId, after = 2) {
  return days.slice(after).find(d => d.open.length > 0 && d.working[practitionerId]?.length > 0).date;
}

/** Books as the desk, by phone, the first free time of a service with a practitioner on a date. */
async function book(serviceName, practitioner, date, patientId) {
  const services = (await api(DESK, '/api/services')).items;
  const service = services.find(s => s.name === serviceName);
  const { slots } = await api(DESK, `/api/booking/availability?serviceId=${service.id}&locationId=${soho.id}&from=${date}&to=${date}&practitionerId=${practitioner.id}`);
  assert.ok(slots.length > 0, `${serviceName} with ${name(practitioner)} on ${date} has a time`);
  return api(DESK, '/api/booking/appointments', {
    method: 'POST',
    body: JSON.stringify({ serviceId: service.id, locationId: soho.id, startTime: slots[Math.min(2, slots.length - 1)].startTime, practitionerId: practitioner.id, patientId, bookingSource: 'phone' }),
  });
}

async function openCalendar(page, date) {
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Location').selectOption({ label: 'SoHo' });
  await goTo(page, date);
}

async function goTo(page, date) {
  const input = page.locator('input').and(page.getByLabel('Date'));
  await input.fill(date);
  await input.press('Enter');
  await page.getByRole('heading', { level: 2, name: longDate(date) }).waitFor({ timeout: 15_000 });
  await page.getByText('Loading the calendar…').waitFor({ state: 'hidden' });
}

function longDate(ymd) {
  const d = new Date(`${ymd}T12:00:00Z`);
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const rest = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${weekday} ${rest}`;
}

test('the desk sees a closed day blocked and a practitioner’s hours off shaded', async () => {
  await clinic();
  const closed = days.find(d => d.open.length === 0);
  assert.ok(closed, 'a closed day in the next two weeks (SoHo is closed on Sundays)');
  const isabel = person(INJECTOR);

  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await openCalendar(page, closed.date);
  const note = page.getByRole('note');
  await note.waitFor();
  assert.match(await note.innerText(), /^Closed.*SoHo is closed on .*; nothing can be booked on this day\.$/s);
  assert.equal(await page.getByRole('button', { name: /^Book / }).count(), 0, 'no Book buttons on a closed day');
  await page.getByRole('group', { name: name(isabel) }).getByText(/^Closed/).waitFor();
  await shot(page, '30-desk-closed-day');
  await assertAccessible(page, 'a closed day');

  // A working day: Isabel works 10:00–19:00 and SoHo opens 08:00–20:00, so 8–10 and 19–20 are shaded and not offered.
  const open = workingDay(isabel.id, 1);
  await goTo(page, open);
  const column = page.getByRole('group', { name: name(isabel) });
  await column.getByRole('button', { name: `Book 10:00 AM with ${name(isabel)}` }).waitFor();
  assert.equal(await column.getByRole('button', { name: `Book 8:00 AM with ${name(isabel)}` }).count(), 0);
  assert.equal(await column.getByRole('button', { name: `Book 7:00 PM with ${name(isabel)}` }).count(), 0);
  assert.equal(await column.getByText('Not working', { exact: true }).count(), 2);
  assert.equal(await page.getByRole('note').count(), 0);
  await shot(page, '31-desk-hours-off-shaded');
  await assertAccessible(page, 'a working day');
  await page.done();
});

test('the desk reschedules from the appointment panel, and a stale copy leads to a fresh one', async () => {
  await clinic();
  const isabel = person(INJECTOR);
  const date = workingDay(isabel.id, 3);
  const booked = await book('Botox – one area', isabel, date, 'patient-demo-0003');

  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await openCalendar(page, date);
  const block = page.getByRole('group', { name: name(isabel) }).getByRole('button', { name: new RegExp(`${booked.patientName}\\s*,\\s*Botox`) });
  await block.waitFor();
  // A 30-minute block shows time and patient, then the service; the title (and its name) has everything, down to the
  // forms the visit still needs (the demo patient has not filled Botox's).
  assert.match(await block.getAttribute('title'), new RegExp(`^\\d{1,2}:\\d\\d [AP]M ${booked.patientName}, Botox – one area, .+–.+, Scheduled, Forms missing$`));
  await shot(page, '32-desk-short-appointment');
  await block.click();
  const panel = page.getByRole('dialog', { name: `Botox – one area — ${booked.patientName}` });
  await panel.waitFor();
  await shot(page, '33-desk-appointment-panel');
  await assertAccessible(page, 'the appointment panel');

  // Someone else changes the appointment while the panel is open: our copy is now stale.
  await api(DESK, `/api/appointments/${booked.id}/status`, { method: 'POST', body: JSON.stringify({ status: 'confirmed' }) });

  await panel.getByRole('button', { name: 'Reschedule' }).click();
  const times = panel.getByRole('group', { name: /^Times on / }).getByRole('button');
  await times.first().waitFor({ timeout: 15_000 });
  await shot(page, '34-desk-reschedule-picker');
  await assertAccessible(page, 'the reschedule picker');
  await times.last().click();
  await panel.getByRole('button', { name: 'Confirm new time' }).click();
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /This appointment changed since you opened it/);
  assert.doesNotMatch(await alert.innerText(), /precondition|etag|412/i);
  await panel.getByText('Confirmed', { exact: true }).waitFor();
  await shot(page, '35-desk-reschedule-stale');
  await assertAccessible(page, 'the stale-copy message');

  await times.last().click();
  const chosen = await times.last().innerText();
  await panel.getByRole('button', { name: 'Confirm new time' }).click();
  await panel.getByText(/^Moved to /).waitFor({ timeout: 15_000 });
  await shot(page, '36-desk-rescheduled');
  await assertAccessible(page, 'the moved appointment');
  const after = await api(DESK, `/api/booking/appointments/${booked.id}`);
  assert.notEqual(after.startTime, booked.startTime);
  assert.ok(chosen.length > 0);
  await page.done();
});

test('two people on the same calendar: a booking and a cancellation made at one desk appear at the other at once', async () => {
  await clinic();
  const isabel = person(INJECTOR);
  const date = workingDay(isabel.id, 5);
  const front = await e2e.openPage(app.browser, desktop);
  await signIn(front, DESK);
  await openCalendar(front, date);
  const back = await e2e.openPage(app.browser, desktop);
  await signIn(back, e2e.people.admin);
  await openCalendar(back, date);
  for (const page of [front, back]) await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
  await shot(back, '37-admin-calendar-live');
  await assertAccessible(back, 'the calendar, live');

  // The desk takes a phone booking; the admin's calendar shows it within seconds (it would check only every minute now).
  const booked = await book('Botox – one area', isabel, date, 'patient-demo-0004');
  const block = page => page.getByRole('group', { name: name(isabel) }).getByRole('button', { name: new RegExp(`${booked.patientName}\\s*,\\s*Botox`) });
  await block(back).waitFor({ timeout: 5_000 });
  await shot(back, '38-admin-sees-desk-booking');

  // The desk cancels it from the panel; it leaves the admin's calendar as quickly.
  await block(front).waitFor({ timeout: 5_000 });
  await block(front).click();
  const panel = front.getByRole('dialog', { name: `Botox – one area — ${booked.patientName}` });
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await panel.getByRole('button', { name: 'Cancel appointment' }).click();
  await block(back).waitFor({ state: 'detached', timeout: 5_000 });
  await shot(back, '39-admin-sees-cancellation');
  await front.done();
  await back.done();
});

test('a practitioner on a tablet sees colleagues’ time as Busy blocks with no patient in them', async () => {
  await clinic();
  const isabel = person(INJECTOR);
  const priya = staff.find(s => s.firstName === 'Priya');
  const daniel = staff.find(s => s.firstName === 'Daniel');
  const date = days.slice(2).find(d => d.open.length > 0 && [isabel, priya, daniel].every(p => d.working[p.id]?.length > 0)).date;
  const theirs = [
    await book('Laser consultation', priya, date, 'patient-demo-0004'),
    await book("Myers' cocktail IV", daniel, date, 'patient-demo-0005'),
  ];
  const mine = await book('Lip flip', isabel, date, 'patient-demo-0006');

  const context = await app.browser.newContext({ viewport: tablet });
  const page = await context.newPage();
  await signIn(page, INJECTOR);
  await openCalendar(page, date);
  for (const [who, appointment] of [[priya, theirs[0]], [daniel, theirs[1]]]) {
    const column = page.getByRole('group', { name: name(who) });
    await column.getByText('Busy', { exact: true }).first().waitFor();
    assert.equal(await column.getByRole('button').count(), 0, `${name(who)}'s column has nothing to open`);
    const text = await column.innerText();
    assert.ok(!text.includes(appointment.patientName), `no patient name in ${name(who)}'s column`);
    assert.ok(!text.includes(appointment.serviceName), `no service in ${name(who)}'s column`);
  }
  const html = await page.content();
  for (const appointment of theirs) assert.ok(!html.includes(appointment.patientName), 'no colleague’s patient anywhere on the page');
  // Their own 15-minute appointment is one readable line.
  const own = page.getByRole('group', { name: name(isabel) }).getByRole('button', { name: new RegExp(`^\\d{1,2}:\\d\\d [AP]M ${mine.patientName}\\s*,\\s*Lip flip`) });
  const layout = await own.evaluate(el => ({ lines: el.querySelectorAll('.cal__appt-line').length, fits: el.scrollHeight <= el.clientHeight + 1 }));
  assert.deepEqual(layout, { lines: 1, fits: true }, 'one line that fits its 15-minute row');
  await shot(page, '37-practitioner-busy-blocks-tablet');
  await assertAccessible(page, 'the practitioner’s day');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal page scroll on a tablet');
  await context.close();
});

test('the week view fits a 1366 px window without scrolling the page sideways', async () => {
  await clinic();
  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await openCalendar(page, days[0].date);
  await page.getByRole('button', { name: 'Week', exact: true }).click();
  await page.getByRole('button', { name: 'Next week' }).waitFor();
  await page.getByRole('group', { name: /^Sun \d+ / }).waitFor();
  const { page: pageWidth, grid } = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    grid: document.querySelector('.cal-scroll').scrollWidth - document.querySelector('.cal-scroll').clientWidth,
  }));
  await shot(page, '38-desk-week-1366');
  assert.ok(pageWidth <= 1366, `page is ${pageWidth}px wide`);
  assert.ok(grid <= 0, `the week scrolls sideways by ${grid}px inside its box`);
  const sunday = page.getByRole('group', { name: /^Sun \d+ / });
  assert.equal(await sunday.getByRole('button', { name: /^Book / }).count(), 0);
  await assertAccessible(page, 'the week view');
  await page.done();
});

test('an admin switches the clinic to a 24-hour clock and the desk’s calendar writes times that way', async () => {
  await clinic();
  const admin = await e2e.openPage(app.browser, desktop);
  await signIn(admin, 'admin@demo.medspa.test');
  await admin.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Settings' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Clinic settings' }).waitFor();
  assert.equal(await admin.getByRole('radio', { name: '12-hour (2:30 PM)' }).isChecked(), true);
  await shot(admin, '39a-admin-settings-12h');
  await assertAccessible(admin, 'clinic settings');
  await admin.getByRole('radio', { name: '24-hour (14:30)' }).check();
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await admin.getByText('Settings saved.').waitFor();
  await shot(admin, '39b-admin-settings-24h-saved');
  await admin.done();

  try {
    const desk = await e2e.openPage(app.browser, desktop);
    await signIn(desk, DESK);
    const open = days.slice(1).find(d => !d.closure && d.open.length);
    await openCalendar(desk, open.date);
    await desk.getByRole('button', { name: /^Book 1[3-6]:\d\d with / }).first().waitFor();
    const labels = await desk.getByRole('button', { name: /^Book / }).evaluateAll(buttons => buttons.map(b => b.getAttribute('aria-label') ?? b.textContent));
    assert.ok(labels.every(l => !/\b(AM|PM)\b/.test(l)), `12-hour labels left: ${labels.filter(l => /\b(AM|PM)\b/.test(l)).slice(0, 3)}`);
    assert.match(await desk.getByText(/^Updated /).textContent(), /^Updated \d\d:\d\d:\d\d$/);
    await shot(desk, '39c-desk-calendar-24h');
    await assertAccessible(desk, 'the calendar in 24-hour time');
    await desk.done();
  } finally {
    // Back to the demo's 12-hour clock, so a rerun starts where this one did.
    const admin = 'admin@demo.medspa.test';
    const current = await e2e.apiAs(admin, '/api/booking/policies');
    await api(admin, '/api/booking/policies', { method: 'PUT', body: JSON.stringify({ ...current.body, clockFormat: '12h' }), headers: { 'If-Match': current.etag } });
  }
});
