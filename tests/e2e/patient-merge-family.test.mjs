// Duplicates and families: the desk merges two records of one person from the card, choosing field by field, and sees
// the duplicate's appointment on the survivor; then undoes it. On a phone, a parent edits their details and books for
// their child. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot, assertAccessible } = e2e;
const app = e2e.useApp({ offset: 80 });

const { desk: DESK, patient: PATIENT } = e2e.people;
const { desktop, phone } = e2e.screens;
const api = async (email, path, init) => (await e2e.apiAs(email, path, init)).body;
/** A 1×1 PNG, for a profile photo. */
const PHOTO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const post = (email, path, body) => api(email, path, { method: 'POST', body: JSON.stringify(body) });

/** Books the first free Signature facial at Venice (where the estheticians work) for a patient, as the desk. */
async function bookFacial(patientId, fromDays) {
  const { items: locations } = await api(DESK, '/api/booking/locations');
  const venice = locations.find(l => l.name === 'Venice');
  const { items: services } = await api(DESK, `/api/booking/services?locationId=${venice.id}`);
  const facial = services.find(s => s.name === 'Signature facial');
  const day = d => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await api(DESK, `/api/booking/availability?serviceId=${facial.id}&locationId=${venice.id}&from=${day(fromDays)}&to=${day(fromDays + 6)}`);
  return post(DESK, '/api/booking/appointments', { serviceId: facial.id, locationId: venice.id, startTime: slots[0].startTime, patientId, bookingSource: 'phone' });
}

test('the desk merges a duplicate record field by field, finds its appointment on the survivor, and undoes the merge', async () => {
  const survivor = await post(DESK, '/api/patients', { firstName: 'Maria', lastName: 'Lopez', email: 'maria.lopez@example.com', phone: '+14155559911' });
  const duplicate = await post(DESK, '/api/patients', { firstName: 'Maria', lastName: 'Lopez-Garcia', email: 'mlopez@example.com', phone: '+14155559922' });
  const booked = await bookFacial(duplicate.id, 5);

  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${survivor.id}`);

  // The desk puts up the patient's photo first, so the right Maria is greeted.
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByLabel('Add a photo').setInputFiles({ name: 'maria.png', mimeType: 'image/png', buffer: Buffer.from(PHOTO, 'base64') });
  await page.getByText('Photo saved.').waitFor();
  const photo = page.getByRole('img', { name: 'Photo of Maria Lopez' }).first();
  await photo.waitFor();
  // Shown, not a broken image: the page's content security policy lets the fetched photo (a blob: URL) through.
  await page.waitForFunction(() => [...document.querySelectorAll('img.patient-photo')].every(i => i.complete && i.naturalWidth > 0));
  await shot(page, '79b-desk-patient-photo');
  await assertAccessible(page, 'the card with a photo');

  await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge a duplicate' });
  await dialog.getByRole('searchbox', { name: 'Find the duplicate record' }).fill('Lopez-Garcia');
  await dialog.getByRole('button', { name: 'Choose Maria Lopez-Garcia' }).click();
  await dialog.getByRole('heading', { name: 'Step 2 of 3: choose what to keep' }).waitFor();
  await shot(page, '80-desk-merge-compare');
  await assertAccessible(page, 'the merge comparison');
  await dialog.getByRole('radio', { name: 'Phone, duplicate: +1 (415) 555-9922' }).check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('heading', { name: 'Step 3 of 3: confirm' }).waitFor();
  await shot(page, '81-desk-merge-confirm');
  await assertAccessible(page, 'the merge confirmation');
  await dialog.getByRole('button', { name: 'Merge Maria Lopez-Garcia (duplicate) into this record' }).click();
  await dialog.getByText(/^Merged\. \d+ items? moved\./).waitFor();
  await shot(page, '82-desk-merge-done');
  await assertAccessible(page, 'the merge outcome');

  const merged = await api(DESK, `/api/patients/${survivor.id}`);
  assert.equal(merged.phone, '+14155559922', 'the phone chosen from the duplicate');
  assert.equal(merged.email, 'maria.lopez@example.com', 'the email kept from this record');
  const { upcoming } = await api(DESK, `/api/patients/${survivor.id}/appointments`);
  assert.deepEqual(upcoming.map(a => a.id), [booked.id], "the duplicate's appointment is on the survivor");
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('tab', { name: 'Appointments' }).click();
  await page.getByRole('tabpanel', { name: 'Appointments' }).getByText('Signature facial').waitFor();
  await page.getByText(/Merged from Maria Lopez-Garcia/).waitFor();
  await shot(page, '83-desk-card-after-merge');
  await assertAccessible(page, 'the card after the merge');

  // The duplicate's old address leads to the survivor.
  await page.goto(`${e2e.baseUrl}/staff/patients/${duplicate.id}`);
  await page.getByRole('heading', { name: 'Maria Lopez', exact: true }).waitFor();

  await page.goto(`${e2e.baseUrl}/staff/patients/${survivor.id}`);
  await page.getByRole('button', { name: 'Undo the merge of Maria Lopez-Garcia' }).click();
  await page.getByText(/Merged from Maria Lopez-Garcia/).waitFor({ state: 'detached' });
  await shot(page, '84-desk-merge-undone');
  const back = await api(DESK, `/api/patients/${duplicate.id}/appointments`);
  assert.deepEqual(back.upcoming.map(a => a.id), [booked.id], 'the appointment went back with the duplicate');
  assert.equal((await api(DESK, `/api/patients/${survivor.id}`)).phone, '+14155559911');
  await page.done();
});

test('on a phone, a parent changes their phone number and books a facial for their child', async () => {
  const me = await api(PATIENT, '/api/me');
  const child = await post(DESK, '/api/patients', { firstName: 'Sam', lastName: 'Patient', email: 'sam.patient@example.com', dateOfBirth: '2014-05-02' });
  await post(DESK, `/api/patients/${child.id}/relationships`, { relatedPatientId: me.patientId, relationship: 'parent', primaryContact: true });

  const page = await e2e.openPage(app.browser, phone);
  await signIn(page, PATIENT);
  await page.getByRole('link', { name: 'My details' }).click();
  const phoneField = page.getByRole('textbox', { name: /^Phone/ });
  await phoneField.fill('(917) 555-0188');
  await shot(page, '85-patient-my-details-phone');
  await assertAccessible(page, 'my details, edited');
  await page.getByRole('button', { name: /^Save/ }).click();
  await page.getByText(/saved/i).first().waitFor();
  assert.equal((await api(PATIENT, `/api/patients/${me.patientId}`)).phone, '+19175550188');

  await page.goto(`${e2e.baseUrl}/patient`);
  await page.getByRole('link', { name: 'My family' }).click();
  await page.getByRole('heading', { name: /Sam Patient/ }).waitFor();
  await shot(page, '86-patient-my-family-phone');
  await assertAccessible(page, 'my family');
  await page.getByRole('link', { name: 'Book for Sam Patient' }).click();
  await page.getByText('Booking for Sam Patient').waitFor();
  await e2e.chooseTreatmentAndTime(page, { location: 'Venice', service: 'Signature facial', zone: 'Los Angeles', from: 2 });
  await shot(page, '87-patient-book-for-child-review-phone');
  await assertAccessible(page, 'booking for a child, review');
  await page.getByRole('button', { name: 'Book appointment' }).click();
  await page.getByRole('heading', { name: "You're booked" }).waitFor({ timeout: 30_000 });
  await page.getByText('This appointment is for Sam Patient.').waitFor();
  await shot(page, '88-patient-booked-for-child-phone');
  await assertAccessible(page, 'booked for a child');
  const { upcoming } = await api(PATIENT, `/api/patients/${child.id}/appointments`);
  assert.equal(upcoming.length, 1);
  assert.equal(upcoming[0].serviceName, 'Signature facial');
  await page.done();
});
