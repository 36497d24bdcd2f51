// Checkout at the desk (desktop): a retail sale from the patient's card — 20 units of Botox and a serum from the price
// list, a discount with its reason — paid part in cash (with the change) and the rest by card (the card goes from the
// page to the local Stripe fake), then part of the card payment refunded. Screenshots of every step; axe on every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as e2e from './app.mjs';
const { signIn, shot, assertAccessible } = e2e;
const app = e2e.useApp({ offset: 100 });
const { desk: DESK } = e2e.people;

test('the desk sells neurotoxin units and a serum with a discount, takes cash and a card, and refunds part of the card', async () => {
  const { body: patients } = await e2e.apiAs(DESK, '/api/patients?pageSize=5');
  const patient = patients.items[0];
  const page = await e2e.openPage(app.browser, e2e.screens.desktop);
  await signIn(page, DESK);
  await page.goto(`${e2e.baseUrl}/staff/patients/${encodeURIComponent(patient.id)}`);
  await page.getByRole('button', { name: 'New sale' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /Checkout INV-\d{6}/ });
  await heading.waitFor();

  await page.getByLabel('Product').selectOption({ label: 'Botox — $14.00 per unit' });
  await page.getByLabel('Quantity').fill('20');
  await page.getByRole('button', { name: 'Add to invoice' }).click();
  await page.getByLabel('Product').selectOption({ label: 'Vitamin C serum — $89.00 per item' });
  await page.getByLabel('Quantity').fill('1');
  await page.getByRole('button', { name: 'Add to invoice' }).click();
  await page.getByLabel('Percent off').fill('10');
  await page.getByLabel('Reason').fill('Loyal patient');
  await page.getByRole('button', { name: 'Apply discount' }).click();
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
  await page.done();
});
