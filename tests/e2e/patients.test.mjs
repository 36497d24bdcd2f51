// The staff Patients area: the desk finds a patient, opens the card and changes the phone number (desktop), and a
// practitioner opens a patient's card from the calendar's appointment panel and sees the allergies first (tablet).
// Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot } = e2e;
const app = e2e.useApp({ offset: 50 });

const { admin: ADMIN, desk: DESK, injector: INJECTOR } = e2e.people;
const { desktop } = e2e.screens;
const tablet = { width: 820, height: 1180 };

/** The API as one of the demo people: the body and the ETag. */
const api = e2e.apiAs;
const { assertAccessible } = e2e;

function addDays(ymd, n) {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function longDate(ymd) {
  const d = new Date(`${ymd}T12:00:00Z`);
  const weekday = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const rest = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${weekday} ${rest}`;
}

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the desk finds a patient, opens the card and changes the phone number; nothing clinical is shown to the desk', async () => {
  // A demo patient the search will find by surname.
  const { body: firstPage } = await api(DESK, '/api/patients?pageSize=20');
  const patient = firstPage.items.find(p => p.lastName && p.lastName !== 'Patient' && !/[^A-Za-z]/.test(p.lastName));
  assert.ok(patient, 'a demo patient with a plain surname');
  const listName = `${patient.lastName}, ${patient.firstName}`;

  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Patients' }).click();
  await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();
  await page.getByRole('table').waitFor();
  await shot(page, '50-desk-patients-list');
  await assertAccessible(page, 'the patient list');

  // The new-patient form asks for names and a way to reach the patient before anything is sent.
  await page.getByRole('button', { name: 'New patient' }).click();
  const dialog = page.getByRole('dialog', { name: 'New patient' });
  await dialog.getByRole('button', { name: 'Add patient' }).click();
  await dialog.getByText('First name is required.').waitFor();
  await shot(page, '51-desk-new-patient-checks');
  await assertAccessible(page, 'the new-patient dialog with its checks');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });

  // The search runs by itself once the desk stops typing: a name search is one short page, with no "Load more".
  await page.getByRole('searchbox', { name: 'Search patients' }).fill(patient.lastName);
  await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  const link = page.getByRole('table').getByRole('link', { name: listName, exact: true });
  await link.waitFor();
  const names = await page.getByRole('table').locator('tbody th a').allInnerTexts();
  const typed = patient.lastName.toLowerCase();
  const matches = n => n.toLowerCase().startsWith(typed) || n.toLowerCase().includes(`, ${typed}`);
  assert.ok(names.length < 10 && names.every(matches), `only surnames or first names starting “${patient.lastName}”: ${names}`);
  await shot(page, '52-desk-patients-search');
  await assertAccessible(page, 'the search results');

  await link.click();
  // The patient's card, not the list it was opened from (whose heading is there until the card replaces it).
  const heading = page.getByRole('heading', { level: 1, name: new RegExp(escape(patient.lastName)) });
  await heading.waitFor();
  await page.getByRole('tablist', { name: 'Patient card' }).waitFor();
  await page.getByText('Loading appointments…').waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('region', { name: /Allergies/ }).count(), 0, 'no Allergies block for the desk');
  assert.equal(await page.getByText(/allerg/i).count(), 0, 'no word of allergies for the desk');
  await shot(page, '53-desk-patient-card');
  await assertAccessible(page, 'the patient card');

  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('tabpanel', { name: 'Details' });
  const save = details.getByRole('button', { name: 'Save details' });
  assert.equal(await save.isDisabled(), true, 'nothing to save before a change');
  assert.equal(await details.getByRole('group', { name: 'Allergies' }).count(), 0, 'no allergies editor for the desk');
  const phone = details.getByRole('textbox', { name: 'Phone', exact: true });
  await phone.fill('(646) 555-0123');
  await shot(page, '54-desk-patient-details-edited');
  await assertAccessible(page, 'the details form, changed');
  await save.click();
  await details.getByText('Details saved.').waitFor();
  assert.equal(await phone.inputValue(), '+1 (646) 555-0123');
  await page.getByRole('link', { name: '+1 (646) 555-0123' }).waitFor();
  await shot(page, '55-desk-patient-details-saved');
  await assertAccessible(page, 'the saved details');

  const { body: stored } = await api(DESK, `/api/patients/${patient.id}`);
  assert.equal(stored.phone, '+16465550123');
  assert.equal(stored.allergies, undefined, 'the API shows the desk no allergies either');
  await page.done();
});

test('a practitioner on a tablet opens a patient from the calendar and sees the allergies before the tabs', async () => {
  // Isabel's next working day at SoHo, a booking with her there, and an allergy on the patient's record (as an admin).
  const { body: locations } = await api(DESK, '/api/locations');
  const soho = locations.items.find(l => l.name === 'SoHo');
  const { body: staff } = await api(DESK, '/api/staff');
  const isabel = staff.items.find(s => s.email === INJECTOR);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: soho.timeZone }).format(new Date());
  const { body: week } = await api(DESK, `/api/appointments?locationId=${soho.id}&date=${addDays(today, 1)}&days=7`);
  const date = week.hours.find(d => d.open.length > 0 && d.working[isabel.id]?.length > 0).date;
  const { body: services } = await api(DESK, '/api/services');
  const service = services.items.find(s => s.name === 'Lip flip');
  const { body: { slots } } = await api(DESK, `/api/booking/availability?serviceId=${service.id}&locationId=${soho.id}&from=${date}&to=${date}&practitionerId=${isabel.id}`);
  assert.ok(slots.length > 0, `Lip flip with Isabel on ${date} has a time`);
  const patientId = 'patient-demo-0012';
  const { body: booked } = await api(DESK, '/api/booking/appointments', {
    method: 'POST',
    body: JSON.stringify({ serviceId: service.id, locationId: soho.id, startTime: slots[0].startTime, practitionerId: isabel.id, patientId, bookingSource: 'phone' }),
  });

  const { body: before, etag } = await api(ADMIN, `/api/patients/${patientId}`);
  const profile = {
    firstName: before.firstName, lastName: before.lastName, preferredName: before.preferredName ?? null, pronouns: before.pronouns ?? null,
    dateOfBirth: before.dateOfBirth ?? null, email: before.email ?? null,
    phone: before.phone ?? null, alternatePhone: before.alternatePhone ?? null, address: before.address ?? null,
    status: before.status, profileType: before.profileType, tags: before.tags, communicationPreferences: before.communicationPreferences,
    medicalAlerts: ['Pacemaker'], allergies: ['Lidocaine — hives'], medications: before.medications,
  };
  await api(ADMIN, `/api/patients/${patientId}`, { method: 'PUT', body: JSON.stringify(profile), headers: { 'If-Match': etag } });

  const page = await e2e.openPage(app.browser, tablet);
  await signIn(page, INJECTOR);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Location').selectOption({ label: 'SoHo' });
  const dateInput = page.locator('input').and(page.getByLabel('Date'));
  await dateInput.fill(date);
  await dateInput.press('Enter');
  await page.getByRole('heading', { level: 2, name: longDate(date) }).waitFor({ timeout: 15_000 });
  await page.getByText('Loading the calendar…').waitFor({ state: 'hidden' });
  const block = page.getByRole('group', { name: `${isabel.firstName} ${isabel.lastName}` })
    .getByRole('button', { name: new RegExp(`${escape(booked.patientName)}\\s*,\\s*Lip flip`) });
  await block.click();
  const panel = page.getByRole('dialog', { name: `Lip flip — ${booked.patientName}` });
  await panel.waitFor();
  await shot(page, '56-practitioner-appointment-panel-tablet');
  await assertAccessible(page, 'the appointment panel with its patient link');

  await panel.getByRole('link', { name: 'Open patient card' }).click();
  await page.waitForURL(url => url.pathname === `/staff/patients/${patientId}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(escape(before.lastName)) }).waitFor();
  const allergies = page.getByRole('region', { name: /^Allergies/ });
  await allergies.waitFor();
  assert.match(await allergies.innerText(), /Lidocaine — hives/);
  assert.match(await page.getByRole('region', { name: /^Medical alerts/ }).innerText(), /Pacemaker/);
  const tabs = page.getByRole('tablist', { name: 'Patient card' });
  const [allergyBox, tabsBox] = [await allergies.boundingBox(), await tabs.boundingBox()];
  assert.ok(allergyBox.y + allergyBox.height <= tabsBox.y, 'the allergies are above the tabs');
  assert.ok(allergyBox.y < 1180, 'the allergies are on the first screen');
  // The appointment just booked is on the card.
  await page.getByRole('region', { name: 'Upcoming appointments' }).getByText('Lip flip').waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal page scroll on a tablet');
  await shot(page, '57-practitioner-patient-card-tablet');
  await assertAccessible(page, 'the patient card for a practitioner');

  await page.getByRole('tab', { name: 'Details' }).click();
  const details = page.getByRole('tabpanel', { name: 'Details' });
  await details.getByRole('group', { name: 'Allergies' }).waitFor();
  assert.equal(await details.getByRole('combobox', { name: 'Status' }).isDisabled(), true, 'status is the desk’s and admins’ to change');
  await shot(page, '58-practitioner-patient-details-tablet');
  await assertAccessible(page, 'the details form for a practitioner');
  await page.done();

  // The same card for an admin at the desk: the same allergies, and the record can be archived from here.
  const admin = await e2e.openPage(app.browser, desktop);
  await signIn(admin, ADMIN);
  await admin.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Patients' }).click();
  await admin.getByRole('searchbox', { name: 'Search patients' }).fill(`${before.firstName} ${before.lastName}`);
  await admin.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  await admin.getByRole('table').getByRole('link', { name: `${before.lastName}, ${before.firstName}`, exact: true }).click();
  await admin.getByRole('region', { name: /^Allergies/ }).waitFor();
  await admin.getByRole('button', { name: 'Archive patient' }).waitFor();
  await admin.getByText('Loading appointments…').waitFor({ state: 'hidden' });
  await shot(admin, '59-admin-patient-card');
  await assertAccessible(admin, 'the patient card for an admin');
  await admin.done();
});
