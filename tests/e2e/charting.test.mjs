// Charting: on a tablet, the injector starts the chart of a Xeomin visit from the patient card, places points on the
// face map with the lot in hand, undoes one, saves, signs (the chart locks), adds an amendment and shares it, takes a
// before and an after photo and compares them; on a phone, the patient reads what was done and the after-care and
// compares their own before and after. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as e2e from './app.mjs';
const { signIn, shot, assertAccessible } = e2e;
const app = e2e.useApp({ offset: 90 });

const { desk: DESK, patient: PATIENT, injector: INJECTOR, admin: ADMIN } = e2e.people;
const { phone, desktop } = e2e.screens;
const tablet = { width: 1024, height: 768 };
const api = async (email, path, init) => (await e2e.apiAs(email, path, init)).body;

/** A photo as the tablet's camera would take it: a face, with as many frown lines as asked (the "before" has some). */
async function cameraPhoto(page, frownLines) {
  const dataUrl = await page.evaluate((lines) => {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 1200;
    const g = canvas.getContext('2d');
    g.fillStyle = '#d9e4e8';
    g.fillRect(0, 0, 900, 1200);
    g.fillStyle = '#e8c3a5';
    g.beginPath();
    g.ellipse(450, 600, 300, 420, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#3b2a20';
    for (const x of [340, 560]) {
      g.beginPath();
      g.ellipse(x, 520, 42, 18, 0, 0, Math.PI * 2);
      g.fill();
    }
    g.strokeStyle = '#8a5f45';
    g.lineWidth = 7;
    for (let i = 0; i < lines; i++) {
      g.beginPath();
      g.moveTo(425 + i * 25, 400);
      g.lineTo(420 + i * 25, 470);
      g.stroke();
    }
    return canvas.toDataURL('image/jpeg', 0.9);
  }, frownLines);
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

/** Waits for an image to be drawn; fails if it cannot be (a refused link, a policy that blocks it). */
async function drawn(image) {
  await image.waitFor();
  await image.evaluate((img) => img.decode());
  return image.evaluate((img) => img.naturalWidth);
}

/** Taps the face map at (x, y), as fractions of the drawing, as a finger would. */
async function tapFace(page, x, y) {
  const canvas = page.getByTestId('face-map').locator('canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
}

test('on a tablet, the injector charts a neurotoxin visit on the face map, undoes a point, signs, amends, shares and compares before/after photos; the patient reads it and compares on a phone', async () => {
  // The desk has booked the patient's Xeomin with the injector.
  const me = await api(PATIENT, '/api/me');
  const { staffId } = await api(INJECTOR, '/api/me');
  let booked = null;
  for (const location of (await api(DESK, '/api/booking/locations')).items) {
    const xeomin = (await api(DESK, `/api/booking/services?locationId=${location.id}`)).items.find(s => s.name === 'Xeomin');
    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const { slots } = await api(DESK, `/api/booking/availability?serviceId=${xeomin.id}&locationId=${location.id}&from=${from}&to=${to}&practitionerId=${staffId}`);
    if (!slots.length) continue;
    booked = await api(DESK, '/api/booking/appointments', { method: 'POST', body: JSON.stringify({ serviceId: xeomin.id, locationId: location.id, startTime: slots[0].startTime, practitionerId: staffId, patientId: me.patientId, bookingSource: 'phone' }) });
    break;
  }
  assert.ok(booked, 'the injector has a free Xeomin time this week');

  const page = await e2e.openPage(app.browser, tablet);
  await signIn(page, INJECTOR);
  await page.goto(`${e2e.baseUrl}/staff/patients/${me.patientId}`);
  await page.getByRole('tab', { name: 'Charts' }).click();
  const visit = page.getByRole('combobox', { name: 'Visit' });
  await visit.selectOption({ value: booked.id });
  await page.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Neurotoxin' });
  await shot(page, '90-injector-start-chart-tablet');
  await assertAccessible(page, 'the Charts tab');
  await page.getByRole('button', { name: 'Start chart' }).click();
  await page.getByRole('heading', { level: 1, name: 'Neurotoxin · Xeomin' }).waitFor();

  // The lot in hand, then three taps: the glabella twice and the forehead; the last one was a slip.
  await page.getByRole('textbox', { name: 'Lot' }).fill('C3301');
  await page.getByTestId('face-map').locator('canvas').first().waitFor();
  await tapFace(page, 0.45, 0.33);
  await tapFace(page, 0.55, 0.33);
  await tapFace(page, 0.5, 0.2);
  const points = page.getByRole('table', { name: 'Injection points' }).locator('tbody tr');
  assert.equal(await points.count(), 3);
  await shot(page, '91-injector-face-map-three-points-tablet');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await points.count(), 2, 'undo takes the last point away');
  // The crow's feet are charted from the side: a point on the left profile (then taken back; this visit is the glabella).
  await page.getByRole('button', { name: 'Left profile' }).click();
  await tapFace(page, 0.3, 0.42);
  assert.match(await points.nth(2).innerText(), /Crow's feet[\s\S]*Left profile/);
  await shot(page, '91b-injector-left-profile-tablet');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Front' }).click();
  assert.equal(await points.count(), 2);
  assert.match(await points.first().innerText(), /Glabella[\s\S]*Xeomin[\s\S]*4 units[\s\S]*C3301/);
  await page.getByRole('button', { name: 'Glabellar lines' }).click();
  await page.getByRole('textbox', { name: 'After-care given' }).fill('No exercise, heat or alcohol for 24 hours. Stay upright for 4 hours.');
  await shot(page, '92-injector-chart-filled-tablet');
  await assertAccessible(page, 'the chart being filled in');
  await page.getByRole('button', { name: 'Save chart' }).click();
  await page.getByText('Chart saved.').waitFor();
  assert.match(await page.getByRole('list', { name: 'Totals per product and lot' }).innerText(), /Xeomin \(lot C3301\): 8 units/);

  // Sign: the chart locks; then an amendment, and sharing with the patient.
  await page.getByRole('button', { name: 'Sign and lock' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign and lock this chart?' });
  await shot(page, '93-injector-sign-dialog-tablet');
  await assertAccessible(page, 'the sign dialog');
  await dialog.getByRole('button', { name: 'Sign' }).click();
  await page.getByText(/^Signed by /).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save chart' }).count(), 0, 'a signed chart has nothing to save');
  await page.getByRole('textbox', { name: 'Add an amendment' }).fill('Called the next day: no bruising, no headache.');
  await page.getByRole('button', { name: 'Add amendment' }).click();
  await page.getByText('Amendment added.').waitFor();
  await page.getByRole('button', { name: 'Share with the patient' }).click();
  await page.getByText(/the patient sees what was done/).waitFor();
  await shot(page, '94-injector-chart-signed-amended-shared-tablet');
  await assertAccessible(page, 'the signed, amended and shared chart');

  // Photos: a before and an after, front on, with the tablet's camera; the signed chart takes them as they are.
  const photos = page.getByRole('region', { name: 'Photos' });
  await photos.getByRole('combobox', { name: 'Angle of the photo' }).selectOption({ label: 'Front' });
  await photos.getByLabel('Take or choose a photo').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 3) });
  await photos.getByText('Front photo added.').waitFor();
  await photos.getByLabel('Take or choose a photo').setInputFiles({ name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 0) });
  const thumbnails = photos.getByRole('list', { name: 'Photos of this visit' }).getByRole('img');
  await thumbnails.nth(1).waitFor(); // both photos are listed
  assert.ok((await drawn(thumbnails.first())) > 0, 'the thumbnail is drawn from its storage link');
  const thumbnailSource = await thumbnails.first().getAttribute('src');
  assert.match(thumbnailSource, /^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/.*[?&]sig=/, 'served by Azurite through a signed, expiring link');
  // An iPhone's HEIC photo, from the left: turned into a JPEG in the browser, then kept like the others.
  await photos.getByRole('combobox', { name: 'Angle of the photo' }).selectOption({ label: 'Left 45°' });
  await photos.getByLabel('Take or choose a photo').setInputFiles(join(e2e.repo, 'tests', 'e2e', 'fixtures', 'face.heic'));
  await photos.getByText('Left 45° photo added.').waitFor();
  await thumbnails.nth(2).waitFor();
  assert.ok((await drawn(photos.getByRole('img', { name: 'Left 45° photo' }))) > 0, 'the converted HEIC photo is drawn');
  const compare = photos.getByRole('region', { name: 'Before and after' });
  await compare.scrollIntoViewIfNeeded();
  assert.equal(await drawn(compare.getByRole('img', { name: /^Before: Front/ })), 900, 'kept at its own size, upright');
  await drawn(compare.getByRole('img', { name: /^After: Front/ }));
  await shot(page, '95-injector-before-after-side-by-side-tablet');
  await assertAccessible(page, 'the photos and the side-by-side comparison');
  await compare.getByRole('radio', { name: 'Slider' }).check();
  await compare.getByRole('slider', { name: 'Divider between before and after' }).fill('35');
  await drawn(compare.getByRole('img', { name: /^After: Front/ }));
  await shot(page, '96-injector-before-after-slider-tablet');
  await assertAccessible(page, 'the slider comparison');
  const anonymous = await fetch(thumbnailSource.split('?')[0]);
  assert.ok([403, 404].includes(anonymous.status), `without its signature the photo is not served (${anonymous.status})`);
  await page.done();

  // The patient, on a phone, reads what was done and the after-care: not the injector's working.
  const mine = await e2e.openPage(app.browser, phone);
  await signIn(mine, PATIENT);
  await mine.getByRole('link', { name: 'My treatments' }).click();
  const treatment = mine.getByRole('region', { name: /Xeomin/ });
  await treatment.waitFor();
  const text = await treatment.innerText();
  assert.match(text, /Xeomin: 8 units/);
  assert.match(text, /Glabella/);
  assert.match(text, /Stay upright for 4 hours/);
  assert.doesNotMatch(text, /C3301/);
  await shot(mine, '97-patient-my-treatments-phone');
  const ownCompare = mine.getByRole('region', { name: 'Your before and after' });
  await ownCompare.scrollIntoViewIfNeeded();
  await drawn(ownCompare.getByRole('img', { name: /^Before: Front/ }));
  await drawn(ownCompare.getByRole('img', { name: /^After: Front/ }));
  await shot(mine, '98-patient-before-after-phone');
  await assertAccessible(mine, 'my treatments, with my before and after');
  await mine.done();
});

test('on a desktop, the admin makes a template of the clinic’s own, sets the charting deadline, and finds the patients of a recalled lot', async () => {
  const page = await e2e.openPage(app.browser, desktop);
  await signIn(page, ADMIN);

  // A copy of the built-in neurotoxin template, with a field of the clinic's own.
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Chart templates' }).click();
  await page.getByRole('link', { name: 'Copy Neurotoxin' }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Neurotoxin, our way');
  await page.getByRole('button', { name: 'Add a field' }).click();
  const label = page.getByRole('textbox', { name: /^Field \d+: label$/ }).last();
  await label.fill('Photos taken');
  await label.blur();
  await page.getByRole('combobox', { name: 'Kind of answer' }).last().selectOption({ label: 'Choice' });
  await page.getByRole('textbox', { name: 'Options (one per line)' }).last().fill('Yes\nNo, declined');
  await shot(page, '99a-admin-template-builder-desktop');
  await assertAccessible(page, 'the template builder');
  await page.getByRole('button', { name: 'Save template' }).click();
  await page.getByText('“Neurotoxin, our way” saved. New charts start from it.').waitFor();
  await page.getByRole('link', { name: 'Neurotoxin, our way' }).waitFor(); // the list reloads after the save's message: wait for it, never a snapshot
  const templates = await api(INJECTOR, '/api/charts/templates');
  const ours = templates.items.find((t) => t.name === 'Neurotoxin, our way');
  assert.deepEqual(ours.fields.at(-1), { id: 'photosTaken', label: 'Photos taken', type: 'choice', options: ['Yes', 'No, declined'] });

  // The deadline: unsigned charts lock after 12 hours, with a reminder 2 hours before.
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Settings' }).click();
  const lockAfter = page.getByRole('textbox', { name: /Lock an unsigned chart after/ });
  await lockAfter.fill('12');
  await page.getByRole('textbox', { name: /Remind its practitioner/ }).fill('2');
  await page.getByRole('button', { name: 'Save charting settings' }).click();
  await page.getByRole('region', { name: 'Charting' }).getByText('Settings saved.').waitFor();
  assert.equal((await api(INJECTOR, '/api/clinic/charting')).autoLockHours, 12);

  // A recall of the lot charted in the first test: the demo patient, with the visit's chart a click away.
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Lot recall' }).click();
  await page.getByRole('textbox', { name: 'Lot number' }).fill('c3301');
  await page.getByRole('button', { name: 'Find patients' }).click();
  await page.getByText('1 patient, 1 visit with lot c3301.').waitFor();
  const rows = page.getByRole('table').locator('tbody tr');
  assert.match(await rows.first().innerText(), /Pat[\s\S]*Xeomin[\s\S]*8 units[\s\S]*Isabel Injector/);
  await shot(page, '99b-admin-lot-recall-desktop');
  await assertAccessible(page, 'the lot recall');
  await page.done();
});

test('the run command keeps files in Azurite, which it started: a profile photo goes in and comes back byte for byte', async () => {
  const health = await (await fetch(`${e2e.baseUrl}/api/health`)).json();
  assert.equal(health.fileStore, 'azure-blob');
  const { accessToken } = await (await fetch(`${e2e.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DESK }) })).json();
  const me = await api(PATIENT, '/api/me');
  // A 1×1 PNG: the server checks the bytes, not the name.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const put = await fetch(`${e2e.baseUrl}/api/patients/${me.patientId}/photo`, { method: 'PUT', headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'image/png' }, body: png });
  assert.equal(put.status, 200, await put.text());
  const got = await fetch(`${e2e.baseUrl}/api/patients/${me.patientId}/photo`, { headers: { authorization: `Bearer ${accessToken}` } });
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), png);
});
