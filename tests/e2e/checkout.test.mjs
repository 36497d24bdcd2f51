// Checkout at the desk (desktop) and gifts online (phone). First a retail sale from the patient's card — 20 units of Botox and a serum from the price
// list, a discount with its reason — paid part in cash (with the change) and the rest by card (the card goes from the
// page to the local Stripe fake), then part of the card payment refunded. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
import { renderPdf } from './receiptPdf.mjs';
const { signIn, shot, assertAccessible } = e2e;
const app = e2e.useApp({ offset: 100 });
const { desk: DESK } = e2e.people;

/** What the desk does on the checkout page in both journeys: 20 units of Botox, a serum, 10 % off for a loyal patient. */
async function addUnitsASerumAndADiscount(page) {
  await page.getByLabel('Product').selectOption({ label: 'Botox — $14.00 per unit' });
  await page.getByLabel('Quantity').fill('20');
  await page.getByRole('button', { name: 'Add to invoice' }).click();
  await page.getByLabel('Product').selectOption({ label: 'Vitamin C serum — $89.00 per item' });
  await page.getByLabel('Quantity').fill('1');
  await page.getByRole('button', { name: 'Add to invoice' }).click();
  await page.getByLabel('Percent off').fill('10');
  await page.getByLabel('Reason').fill('Loyal patient');
  await page.getByRole('button', { name: 'Apply discount' }).click();
}

test('the desk sells neurotoxin units and a serum with a discount, takes cash and a card, and refunds part of the card', async () => {
  const { body: patients } = await e2e.apiAs(DESK, '/api/patients?pageSize=5');
  const patient = patients.items[0];
  const page = await e2e.openPage(app.browser, e2e.screens.desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${encodeURIComponent(patient.id)}`);
  await page.getByRole('button', { name: 'New sale' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /Checkout INV-\d{6}/ });
  await heading.waitFor();

  await addUnitsASerumAndADiscount(page);
  await shot(page, '100-desk-sale-unsaved-desktop');
  await assertAccessible(page, 'the sale with unsaved changes');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved: the totals are up to date.').waitFor();
  // 20 × $14 + $89 = $369; 10 % off = $36.90; NY tax on the serum after its share of the discount ($80.10) = $7.11.
  const totals = page.getByRole('complementary', { name: 'Totals' });
  assert.equal(await totals.getByText('$339.21').count(), 2, 'the total and the balance due');
  await shot(page, '101-desk-sale-saved-desktop');
  await assertAccessible(page, 'the saved sale');

  await page.getByLabel('Pay by').selectOption('cash');
  await page.getByLabel('Amount (USD)').fill('100');
  await page.getByLabel('Cash handed over (optional)').fill('120');
  await page.getByRole('button', { name: 'Take cash' }).click();
  await page.getByText('Cash taken. Give $20.00 in change.').waitFor();
  assert.equal(await page.getByLabel('Amount (USD)').inputValue(), '239.21');
  await shot(page, '102-desk-sale-cash-change-desktop');
  await assertAccessible(page, 'after the cash');

  await page.getByRole('button', { name: 'Pay by card' }).click();
  await e2e.fillCard(page);
  await shot(page, '103-desk-sale-card-desktop');
  await assertAccessible(page, 'the card form');
  await page.getByRole('button', { name: 'Charge card' }).click();
  await page.getByText('Card payment received.').waitFor({ timeout: 30_000 });
  await heading.filter({ hasText: 'Paid' }).waitFor();
  await shot(page, '104-desk-sale-paid-desktop');
  await assertAccessible(page, 'the paid sale');

  await page.getByRole('button', { name: /Refund Card payment of \$239\.21/ }).click();
  // The serum came back: the refund is for its line, so never more than it came to ($80.10 after the discount, with tax).
  await page.getByLabel('For', { exact: true }).selectOption({ label: 'Vitamin C serum — $87.21 left' });
  assert.equal(await page.getByLabel('Amount to refund (USD)').inputValue(), '87.21');
  await page.getByLabel('Amount to refund (USD)').fill('40');
  await page.getByLabel('Reason').fill('Serum returned');
  await shot(page, '105-desk-sale-refund-desktop');
  await assertAccessible(page, 'the refund form');
  await page.getByRole('button', { name: /^Refund USD/ }).click();
  await page.getByText('$40.00 refunded to the card.').waitFor();
  await shot(page, '106-desk-sale-refunded-desktop');
  await assertAccessible(page, 'after the refund');

  // What the API says: paid, $40 refunded, the ledger's card payment refundable down to $199.21.
  const invoiceId = new URL(page.url()).pathname.split('/').pop();
  const { body: invoice } = await e2e.apiAs(DESK, `/api/invoices/${invoiceId}`);
  assert.equal(invoice.status, 'paid');
  assert.equal(invoice.totals.refunded, 4_000);
  assert.deepEqual(invoice.payments.map(p => [p.tender, p.amount, p.refundable]), [['cash', 10_000, 10_000], ['card', 23_921, 19_921]]);
  assert.equal(invoice.refunds[0].lineId, invoice.lines.find(l => l.description === 'Vitamin C serum').id);
  await page.done();
});

test('the desk voids a sale rung up by mistake the same day, and the cash goes back', async () => {
  const { body: patients } = await e2e.apiAs(DESK, '/api/patients?pageSize=5');
  const page = await e2e.openPage(app.browser, e2e.screens.desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${encodeURIComponent(patients.items[1].id)}`);
  await page.getByRole('button', { name: 'New sale' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /Checkout INV-\d{6}/ });
  await heading.waitFor();
  await page.getByLabel('Product').selectOption({ label: 'Mineral SPF 50 — $45.00 per item' });
  await page.getByLabel('Quantity').fill('1');
  await page.getByRole('button', { name: 'Add to invoice' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved: the totals are up to date.').waitFor();
  await page.getByLabel('Pay by').selectOption('cash');
  await page.getByRole('button', { name: 'Take cash' }).click();
  await heading.filter({ hasText: 'Paid' }).waitFor();

  await page.getByRole('button', { name: 'Void invoice' }).click();
  await page.getByRole('button', { name: /^Void and give back/ }).click();
  await page.getByText('Say why it is voided.').waitFor();
  await page.getByLabel('Why it is voided').fill('Rang up twice');
  await shot(page, '107-desk-sale-void-desktop');
  await assertAccessible(page, 'the void form');
  await page.getByRole('button', { name: 'Void and give back $48.99' }).click(); // $45 and NY's 8.875 % ($3.99)
  await page.getByText(/was voided; \$48\.99 went back to where it was paid from\./).waitFor();
  await heading.filter({ hasText: 'Void' }).waitFor();
  await page.getByText('Voided: Rang up twice', { exact: true }).waitFor();
  await page.getByText('$48.99 given back in cash: Voided: Rang up twice').waitFor();
  await shot(page, '108-desk-sale-voided-desktop');
  await assertAccessible(page, 'the voided sale');

  const invoiceId = new URL(page.url()).pathname.split('/').pop();
  const { body: invoice } = await e2e.apiAs(DESK, `/api/invoices/${invoiceId}`);
  assert.equal(invoice.status, 'void');
  assert.deepEqual(invoice.refunds.map((r) => [r.tender, r.amount]), [['cash', 4_899]]);
  await page.done();
});

/** What the wall clock reads now in a zone: its date (YYYY-MM-DD) and hour. */
function wallClock(zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * A visit today, whatever the hour the suite runs: the admin opens one location all day, every day (the one where it is
 * not yet late evening) and puts Isabel there all day; the desk books Pat in her next free time for Botox.
 */
async function visitToday() {
  const { admin, desk, injector } = e2e.people;
  const { body: locations } = await e2e.apiAs(admin, '/api/locations?pageSize=50');
  const location = locations.items.find((l) => wallClock(l.timeZone).hour < 22);
  const today = wallClock(location.timeZone).date;
  const allDay = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  // What the API sends back besides the item itself (it is not sent again).
  const editable = ({ id, etag, createdAt, updatedAt, deleted, displayName, kind, ...item }) => item;
  const { body: current, etag } = await e2e.apiAs(admin, `/api/locations/${location.id}`);
  await e2e.apiAs(admin, `/api/locations/${location.id}`, {
    method: 'PUT', headers: { 'If-Match': etag },
    body: JSON.stringify({ ...editable(current), openingHours: allDay.map((day) => ({ day, open: '00:00', close: '23:59' })), closures: current.closures.filter((c) => c.date !== today) }),
  });
  const { body: team } = await e2e.apiAs(admin, '/api/staff?pageSize=50');
  const isabel = team.items.find((s) => s.email === injector);
  const { body: member, etag: memberTag } = await e2e.apiAs(admin, `/api/staff/${isabel.id}`);
  await e2e.apiAs(admin, `/api/staff/${isabel.id}`, {
    method: 'PUT', headers: { 'If-Match': memberTag },
    body: JSON.stringify({ ...editable(member), workingHours: allDay.map((day) => ({ locationId: location.id, day, start: '00:00', end: '23:59' })) }),
  });
  const { body: services } = await e2e.apiAs(desk, `/api/booking/services?locationId=${location.id}`);
  const botox = services.items.find((s) => s.name === 'Botox – one area');
  const query = new URLSearchParams({ serviceId: botox.id, locationId: location.id, practitionerId: isabel.id, from: today, to: today });
  const { body: free } = await e2e.apiAs(desk, `/api/booking/availability?${query}`);
  assert.ok(free.slots.length > 0, `Isabel has free time today at ${location.name}`);
  const { body: visit } = await e2e.apiAs(desk, '/api/booking/appointments', {
    method: 'POST',
    body: JSON.stringify({ serviceId: botox.id, locationId: location.id, practitionerId: isabel.id, startTime: free.slots[0].startTime, patientId: 'patient-demo-0000' }),
  });
  return { visit, location, today };
}

test('the desk completes a visit and checks it out: units, a serum, a discount, a tip, a gift card and the rest by card; the receipt as a PDF; part refunded', async () => {
  const { visit, location, today } = await visitToday();
  // A gift card Pat was given earlier, sold at the desk.
  const { body: gift } = await e2e.apiAs(DESK, '/api/gift-cards', {
    method: 'POST', body: JSON.stringify({ amount: 10_000, currency: 'USD', recipientName: 'Pat Patient', idempotencyKey: crypto.randomUUID() }),
  });

  const page = await e2e.openPage(app.browser, e2e.screens.desktop);
  await signIn(page, DESK);
  await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Calendar', exact: true }).click();
  await page.getByLabel('Location').selectOption({ label: location.name });
  const date = page.locator('input').and(page.getByLabel('Date'));
  await date.fill(today);
  await date.press('Enter');
  // A half-hour visit is a compact block: its name reads the time and the patient first. Pat may have other Botox visits
  // today (the demo's history), so this visit's block is the one at its time.
  const startsAt = new Intl.DateTimeFormat('en-US', { timeZone: location.timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(visit.startTime));
  const block = page.getByRole('button', { name: new RegExp(`${startsAt}.*Pat Patient.*Botox – one area`) }).first();
  await block.waitFor({ timeout: 15_000 });
  await block.click();
  const panel = page.getByRole('dialog', { name: /Botox – one area — Pat Patient/ });
  const actions = panel.getByRole('group', { name: 'Change status' });
  await actions.getByRole('button', { name: 'Check in' }).click();
  await actions.getByRole('button', { name: 'Complete' }).click();
  const consent = page.getByRole('dialog', { name: 'Consent missing' });
  const completed = panel.locator('.status--completed');
  await consent.or(completed).first().waitFor();
  if (await consent.isVisible()) {
    // Pat's consent for injectables is not on file in the demo clinic: the desk records why the visit went ahead.
    await consent.getByRole('textbox', { name: 'Reason for completing without it' }).fill('Signed on paper; scanned tomorrow.');
    await consent.getByRole('button', { name: 'Complete without it' }).click();
    await completed.waitFor();
  }
  await shot(page, '110-desk-visit-completed-desktop');
  await panel.getByRole('link', { name: 'Check out' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /Checkout INV-\d{6}/ });
  await heading.waitFor();

  await addUnitsASerumAndADiscount(page);
  await page.getByRole('button', { name: '18%' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved: the totals are up to date.').waitFor();
  await shot(page, '111-desk-visit-invoice-desktop');
  await assertAccessible(page, 'the visit’s invoice');

  await page.getByLabel('Pay by').selectOption('gift-card');
  await page.getByLabel('Gift card code').fill(gift.code);
  await page.getByRole('button', { name: 'Check balance' }).click();
  await page.getByText(`Gift card ending ${gift.last4}: $100.00 left.`).waitFor();
  await shot(page, '112-desk-visit-gift-card-desktop');
  await assertAccessible(page, 'the gift card’s balance');
  await page.getByRole('button', { name: 'Pay with gift card' }).click();
  await page.getByText(`$100.00 paid by gift card ending ${gift.last4}; $0.00 left on it.`).waitFor();

  // The rest by card: the patient types it into the desk's card form.
  await page.getByLabel('Pay by').selectOption('card');
  await page.getByRole('button', { name: 'Pay by card' }).click();
  await e2e.fillCard(page);
  await page.getByRole('button', { name: 'Charge card' }).click();
  await page.getByText('Card payment received.').waitFor({ timeout: 30_000 });
  await heading.filter({ hasText: 'Paid' }).waitFor();
  await shot(page, '113-desk-visit-paid-desktop');
  await assertAccessible(page, 'the paid visit');

  const invoiceId = (await e2e.apiAs(DESK, `/api/invoices`, { method: 'POST', body: JSON.stringify({ appointmentId: visit.id }) })).body.id;
  const { body: paid } = await e2e.apiAs(DESK, `/api/invoices/${invoiceId}`);
  assert.equal(paid.status, 'paid');
  assert.deepEqual(paid.payments.map((p) => p.tender), ['gift-card', 'card']);
  assert.equal(paid.totals.tips, Math.round(paid.totals.subtotal * 0.18));
  // Each location charges its own sales tax on the serum after its share of the discount ($80.10).
  const tax = location.name === 'SoHo' ? { amount: 711, name: 'NY sales tax' } : { amount: 761, name: 'CA sales tax' };
  assert.equal(paid.totals.tax, tax.amount, `${tax.name} on the serum after its share of the discount`);

  // The receipt, downloaded as the desk does, and looked at.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download receipt (PDF)' }).click()]);
  assert.equal(download.suggestedFilename(), `receipt-${paid.invoiceNumber}.pdf`);
  const { readFile } = await import('node:fs/promises');
  const receipt = await renderPdf(app.browser, await readFile(await download.path()), '114-receipt-pdf');
  for (const words of ['Receipt', paid.invoiceNumber, 'Pat Patient', 'Botox – one area', '20 units at 14.00 USD', 'Vitamin C serum', tax.name, 'Tips', 'Paid by gift card', 'Paid by card', 'Nothing owed']) {
    assert.ok(receipt.text.includes(words), `the receipt says "${words}": ${receipt.text}`);
  }
  await page.getByRole('button', { name: 'Email receipt to patient' }).click();
  await page.getByText('The receipt was emailed to Pat Patient.').waitFor();

  await page.getByRole('button', { name: /Refund Card payment of/ }).click();
  await page.getByLabel('Amount to refund (USD)').fill('40');
  await page.getByLabel('Reason').fill('Serum returned');
  await page.getByRole('button', { name: /^Refund USD/ }).click();
  await page.getByText('$40.00 refunded to the card.').waitFor();
  await shot(page, '115-desk-visit-refunded-desktop');
  await assertAccessible(page, 'after the refund');
  const { body: refunded } = await e2e.apiAs(DESK, `/api/invoices/${invoiceId}`);
  assert.equal(refunded.totals.refunded, 4_000);
  await page.done();
});

test('a patient gives a friend a gift card online, sent tomorrow morning on the patient’s clock', async () => {
  // The patient's phone is in Chicago: "09:00 tomorrow" is read on that clock, not the clinic's.
  const page = await e2e.openPage(app.browser, e2e.screens.phone, { timezoneId: 'America/Chicago' });
  await signIn(page, e2e.people.patient);
  await page.getByRole('link', { name: 'Give a gift card' }).click();
  await page.getByRole('heading', { level: 1, name: 'Give a gift card' }).waitFor();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await page.getByText('Who is it for?').waitFor();
  await shot(page, '120-patient-gift-card-errors-phone');
  await assertAccessible(page, 'the gift card form with its errors');

  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const tomorrow = new Date(`${wallClock(zone).date}T12:00:00Z`);
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  const day = tomorrow.toISOString().slice(0, 10);
  await page.getByRole('button', { name: '$50.00' }).click();
  await page.getByLabel('Their name').fill('Fran Friend');
  await page.getByLabel('Their email').fill('fran@example.com');
  await page.getByLabel('Your message (optional)').fill('Happy birthday! A facial on me.');
  await page.getByLabel('Day', { exact: true }).fill(day);
  await page.getByLabel('Time', { exact: true }).fill('09:00');
  await shot(page, '121-patient-gift-card-filled-phone');
  await assertAccessible(page, 'the filled gift card form');
  const [bought] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/gift-cards/online-purchase') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Continue to payment' }).click(),
  ]);
  await page.getByRole('heading', { name: 'Pay $50.00' }).waitFor();
  // 09:00 in Chicago in December (CST, UTC−6) is 15:00 UTC: the instant the durable timer waits for.
  assert.equal(new Date((await bought.json()).deliverAt).toISOString(), `${day}T15:00:00.000Z`);
  await e2e.fillCard(page);
  await shot(page, '122-patient-gift-card-pay-phone');
  await assertAccessible(page, 'paying for the gift card');
  await page.getByRole('button', { name: 'Pay $50.00' }).click();
  await page.getByText('Thank you — your gift is paid for.').waitFor({ timeout: 30_000 });
  const dayName = tomorrow.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
  await page.getByText(`on ${dayName} at 09:00 (America/Chicago time)`, { exact: false }).waitFor();
  await shot(page, '123-patient-gift-card-paid-phone');
  await assertAccessible(page, 'the gift card paid for');
  await page.done();
});

test('a patient pays what is left of an invoice online from their phone and downloads the receipt', async () => {
  // At the desk: a serum sold to Pat, $50 paid in cash, the rest left to pay.
  const { body: sale } = await e2e.apiAs(DESK, '/api/invoices', { method: 'POST', body: JSON.stringify({ patientId: 'patient-demo-0000' }) });
  const { etag } = await e2e.apiAs(DESK, `/api/invoices/${sale.id}`);
  await e2e.apiAs(DESK, `/api/invoices/${sale.id}`, {
    method: 'PUT', headers: { 'If-Match': etag },
    body: JSON.stringify({ lines: [{ id: 'serum', kind: 'retail', description: 'Vitamin C serum', quantity: 1, unitPrice: 8_900, taxable: true, productId: 'vitamin-c-serum' }] }),
  });
  await e2e.apiAs(DESK, '/api/payments', { method: 'POST', body: JSON.stringify({ invoiceId: sale.id, tender: 'cash', amount: 5_000, idempotencyKey: crypto.randomUUID() }) });
  const { body: owing } = await e2e.apiAs(DESK, `/api/invoices/${sale.id}`);
  const left = `$${(owing.totals.balance / 100).toFixed(2)}`;

  const page = await e2e.openPage(app.browser, e2e.screens.phone);
  await signIn(page, e2e.people.patient);
  await page.getByRole('link', { name: 'My invoices' }).click();
  const card = page.getByRole('article', { name: sale.invoiceNumber });
  await card.getByText('Partly paid').waitFor();
  await shot(page, '130-patient-invoices-phone');
  await assertAccessible(page, 'my invoices');
  await card.getByRole('button', { name: `Pay ${left} on ${sale.invoiceNumber}` }).click();
  await e2e.fillCard(page);
  await shot(page, '131-patient-invoice-pay-phone');
  await assertAccessible(page, 'paying an invoice');
  await page.getByRole('button', { name: `Pay ${left}` }).click();
  await page.getByText(`Thank you: ${left} paid on ${sale.invoiceNumber}.`).waitFor({ timeout: 30_000 });
  await card.locator('.status--paid').waitFor();
  await shot(page, '132-patient-invoice-paid-phone');
  await assertAccessible(page, 'the invoice paid');
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: /Receipt \(PDF\)/ }).click()]);
  assert.equal(download.suggestedFilename(), `receipt-${sale.invoiceNumber}.pdf`);
  const { body: paid } = await e2e.apiAs(DESK, `/api/invoices/${sale.id}`);
  assert.equal(paid.status, 'paid');
  assert.deepEqual(paid.payments.map((p) => p.tender), ['cash', 'card']);
  await page.done();
});

test('a patient keeps a card on file from their phone: a declined card saves nothing, a good one is saved, then removed', async () => {
  const page = await e2e.openPage(app.browser, e2e.screens.phone);
  await signIn(page, e2e.people.patient);
  await page.getByRole('link', { name: 'My cards' }).click();
  await page.getByRole('heading', { level: 1, name: 'My cards' }).waitFor();
  await page.getByRole('button', { name: 'Add a card' }).click();
  await e2e.fillCard(page, '4000 0000 0000 0002');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByText('The card was not saved').waitFor();
  await shot(page, '140-patient-card-declined-phone');
  await assertAccessible(page, 'a declined card');

  await e2e.fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByText('Visa ending 4242 was saved.').waitFor({ timeout: 30_000 });
  const saved = page.getByRole('article', { name: 'Visa ending 4242' });
  await saved.getByText('Expires 12/2030').waitFor();
  await shot(page, '141-patient-card-saved-phone');
  await assertAccessible(page, 'the card saved');
  const { body: cards } = await e2e.apiAs(e2e.people.patient, '/api/payments/methods/patient-demo-0000');
  assert.ok(cards.items.some((c) => c.last4 === '4242' && !c.expired), 'Stripe keeps the card on the patient');

  await saved.getByRole('button', { name: /^Remove/ }).click();
  await page.getByRole('button', { name: 'Yes, remove Visa ending 4242' }).click();
  await page.getByText('Visa ending 4242 was removed.').waitFor();
  await shot(page, '142-patient-card-removed-phone');
  await assertAccessible(page, 'the card removed');
  await page.done();
});

/** A card saved for a patient as the desk's card form does: a SetupIntent from our API, confirmed at the Stripe fake. */
async function saveCardFor(patientId, number) {
  const { body: saving } = await e2e.apiAs(DESK, '/api/payments/methods', { method: 'POST', body: JSON.stringify({ patientId, idempotencyKey: crypto.randomUUID() }) });
  const { testApiBase, publishableKey } = saving.provider;
  const post = (path, form) => fetch(`${testApiBase}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${publishableKey}` }, body: new URLSearchParams(form) });
  const method = await (await post('/v1/payment_methods', { type: 'card', 'card[number]': number, 'card[exp_month]': '12', 'card[exp_year]': '2030', 'card[cvc]': '123' })).json();
  const setupIntent = saving.clientSecret.slice(0, saving.clientSecret.indexOf('_secret_'));
  const confirmed = await post(`/v1/setup_intents/${setupIntent}/confirm`, { payment_method: method.id, client_secret: saving.clientSecret });
  assert.equal(confirmed.status, 200, await confirmed.text());
  for (let tries = 0; tries < 40; tries++) { // the card reaches the patient by Stripe's webhook
    const { body: cards } = await e2e.apiAs(DESK, `/api/payments/methods/${patientId}`);
    if (cards.items.some((c) => c.id === method.id)) return method.id;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the saved card never reached the patient');
}

test('on a phone, a patient saves a card, joins the Glow membership from My membership, and cancels it after being asked', async () => {
  const page = await e2e.openPage(app.browser, e2e.screens.phone);
  await signIn(page, e2e.people.patient);
  await page.getByRole('link', { name: 'My cards' }).click();
  await page.getByRole('button', { name: 'Add a card' }).click();
  await e2e.fillCard(page, '4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Save card' }).click();
  await page.getByText('Visa ending 4242 was saved.').waitFor({ timeout: 30_000 });

  await page.getByRole('link', { name: 'Back to your account' }).click();
  await page.getByRole('link', { name: 'My membership' }).click();
  await page.getByRole('heading', { level: 1, name: 'My membership' }).waitFor();
  const glow = page.getByRole('article', { name: 'Glow membership' });
  await glow.getByText('$99.00 a month').waitFor();
  await shot(page, '186-patient-membership-plans-phone');
  await assertAccessible(page, 'the membership plans');
  await glow.getByRole('button', { name: 'Join for $99.00' }).click();
  await page.getByText('Welcome! Your Glow membership has started: $99.00 was charged to your card.').waitFor({ timeout: 30_000 });
  await page.getByText('Next payment').waitFor();
  await shot(page, '187-patient-membership-joined-phone');
  await assertAccessible(page, 'a new member');
  const { body: invoices } = await e2e.apiAs(DESK, '/api/patients/patient-demo-0000/invoices');
  assert.ok(invoices.items.some((i) => i.status === 'paid' && i.lines[0].description.startsWith('Glow membership, ')), 'the first month is a paid invoice');

  await page.getByRole('button', { name: 'Cancel membership' }).click();
  const asked = page.getByRole('dialog', { name: 'Cancel your Glow membership?' });
  await asked.getByText(/Nothing more will be charged\. You stay a member until/).waitFor();
  await shot(page, '188-patient-membership-cancel-asked-phone');
  await assertAccessible(page, 'cancelling, asked');
  await asked.getByRole('button', { name: 'Cancel membership' }).click();
  await page.getByText(/Your Glow membership is cancelled\. Nothing more will be charged; it runs until/).waitFor();
  await page.getByText('Runs until', { exact: true }).waitFor();
  await shot(page, '189-patient-membership-cancelled-phone');
  await assertAccessible(page, 'a cancelled membership');
  await page.done();
});

test('on a desktop, the desk joins a patient to a plan: a card that declines starts nothing and says why; a good card makes a member', async () => {
  const { body: patient } = await e2e.apiAs(DESK, '/api/patients', { method: 'POST', body: JSON.stringify({ firstName: 'Mia', lastName: 'Member', email: `mia.${Date.now()}@example.com` }) });
  const declining = await saveCardFor(patient.id, '4000000000000341');

  const page = await e2e.openPage(app.browser, e2e.screens.desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${patient.id}`);
  await page.getByRole('tab', { name: 'Billing' }).click();
  const billing = page.getByRole('tabpanel', { name: 'Billing' });
  await billing.getByRole('combobox', { name: 'Plan' }).selectOption({ label: 'VIP year — $1,200.00 a year' });
  await billing.getByRole('button', { name: 'Join and charge $1,200.00 to the card on file' }).click();
  await billing.getByRole('alert').getByText(/The card ending 0341 was declined: .* did not join VIP year: nothing was charged\./).waitFor({ timeout: 30_000 });
  await shot(page, '190-desk-membership-declined');
  await assertAccessible(page, 'a join refused');

  await e2e.apiAs(DESK, `/api/payments/methods/${declining}`, { method: 'DELETE' });
  await saveCardFor(patient.id, '4242424242424242');
  await billing.getByRole('button', { name: 'Join and charge $1,200.00 to the card on file' }).click();
  await billing.getByText(/joined VIP year: \$1,200\.00 was charged to the card on file\./).waitFor({ timeout: 30_000 });
  await billing.getByText('Next charge').waitFor();
  await shot(page, '191-desk-membership-joined');
  await assertAccessible(page, 'a member, at the desk');
  const { body: memberships } = await e2e.apiAs(DESK, `/api/patients/${patient.id}/memberships`);
  assert.deepEqual(memberships.items.map((m) => [m.planName, m.status]), [['VIP year', 'active']]);
  await page.done();
});
