// A patient's contacts, family and access log: the desk logs a phone call on a patient's Communications tab and links a
// family member on the Family tab (desktop); the demo patient, on a phone, opens "Who viewed my record" and finds the
// desk's visit. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot } = e2e;
const app = e2e.useApp({ offset: 60 });

const { desk: DESK, patient: PATIENT } = e2e.people;
const { desktop, phone } = e2e.screens;

/** The API as one of the demo people: the body. */
const api = async (email, path, init) => (await e2e.apiAs(email, path, init)).body;
const { assertAccessible } = e2e;

test('the desk logs a phone call on the Communications tab and sees it listed, then links a family member on the Family tab', async () => {
  // Two demo patients with plain surnames: the card's patient and the one to link.
  const { items } = await api(DESK, '/api/patients?pageSize=30');
  const plain = items.filter(p => p.lastName && p.lastName !== 'Patient' && !/[^A-Za-z]/.test(p.lastName) && !/[^A-Za-z]/.test(p.firstName));
  const [patient, relative] = [plain[0], plain.find(p => p.lastName !== plain[0].lastName)];
  assert.ok(patient && relative, 'two demo patients with plain names');

  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${patient.id}`);
  await page.getByRole('tablist', { name: 'Patient card' }).waitFor();

  await page.getByRole('tab', { name: 'Communications' }).click();
  const comms = page.getByRole('tabpanel', { name: 'Communications' });
  await comms.getByText('Loading communications…').waitFor({ state: 'hidden' });
  await shot(page, '60-desk-patient-communications');
  await assertAccessible(page, 'the Communications tab');

  const form = comms.getByRole('form', { name: 'Log a contact' });
  await form.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'Phone call' });
  await form.getByRole('combobox', { name: 'Direction' }).selectOption({ label: 'From the patient' });
  await form.getByRole('textbox', { name: /Subject/ }).fill('Called to ask about aftercare');
  await form.getByRole('textbox', { name: /Note/ }).fill('Advised ice and no exercise for 24 hours.');
  await shot(page, '61-desk-log-contact-filled');
  await assertAccessible(page, 'the contact form, filled');
  await form.getByRole('button', { name: 'Log contact' }).click();
  await form.getByText('Logged “Called to ask about aftercare”.').waitFor();
  const first = comms.locator('.comm-log__entry').first();
  await first.getByText('Called to ask about aftercare').waitFor();
  assert.match(await first.innerText(), /Phone call[\s\S]*From the patient[\s\S]*Advised ice/);
  await shot(page, '62-desk-contact-logged');
  await assertAccessible(page, 'the log with the new contact');
  const stored = await api(DESK, `/api/patients/${patient.id}/communications`);
  assert.equal(stored.items[0].subject, 'Called to ask about aftercare');
  assert.equal(stored.items[0].channel, 'phone');

  await page.getByRole('tab', { name: 'Family' }).click();
  const family = page.getByRole('tabpanel', { name: 'Family' });
  await family.getByText('Loading family members…').waitFor({ state: 'hidden' });
  const add = family.getByRole('form', { name: 'Add family member' });
  await add.getByRole('searchbox', { name: 'Find a patient' }).fill(relative.lastName);
  const choose = add.getByRole('button', { name: `Choose ${relative.firstName} ${relative.lastName}`, exact: true });
  await choose.waitFor();
  await shot(page, '63-desk-family-search');
  await assertAccessible(page, 'the family search results');
  await choose.click();
  await add.getByRole('combobox', { name: /Relationship/ }).selectOption({ label: 'Sibling' });
  assert.equal(await add.getByRole('checkbox', { name: 'Primary contact' }).isDisabled(), true, 'a sibling is never the primary contact');
  await shot(page, '64-desk-family-chosen');
  await assertAccessible(page, 'the family form, filled');
  await add.getByRole('button', { name: 'Add family member' }).click();
  await add.getByText(`${relative.firstName} ${relative.lastName} is linked.`).waitFor();
  const member = family.getByRole('link', { name: new RegExp(relative.lastName) });
  await member.waitFor();
  assert.equal(await member.getAttribute('href'), `/staff/patients/${relative.id}`);
  await shot(page, '65-desk-family-linked');
  await assertAccessible(page, 'the family list with the new member');
  const links = await api(DESK, `/api/patients/${relative.id}/relationships`);
  assert.ok(links.items.some(l => l.patientId === patient.id && l.relationship === 'sibling'), 'the link is on both records');
  await page.done();
});

test('on a phone, the demo patient opens “Who viewed my record” and finds the front desk', async () => {
  const me = await api(PATIENT, '/api/me');
  const desk = await api(DESK, '/api/me');
  assert.ok(me.patientId, 'the demo patient has a record');

  // The desk opens the patient's card, so the log has a visit by the desk.
  const deskPage = await e2e.openPage(app.browser, desktop);
  await signIn(deskPage, DESK);
  await deskPage.goto(`${e2e.baseUrl}/staff/patients/${me.patientId}`);
  await deskPage.getByRole('tablist', { name: 'Patient card' }).waitFor();
  await deskPage.done();

  const page = await e2e.openPage(app.browser, phone);
  await signIn(page, PATIENT);
  const link = page.getByRole('link', { name: 'Who viewed my record' });
  await link.scrollIntoViewIfNeeded();
  await shot(page, '66-patient-home-record-link-phone');
  await assertAccessible(page, 'the patient home with the record link');
  await link.click();
  await page.getByRole('heading', { level: 1, name: 'Who viewed my record' }).waitFor();
  await page.getByText('Loading who viewed your record…').waitFor({ state: 'hidden' });
  const entry = page.locator('.access-log__entry').filter({ hasText: desk.displayName }).first();
  await entry.waitFor();
  await shot(page, '67-patient-access-log-phone');
  await assertAccessible(page, 'the access log');
  await page.done();
});
