import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../api/invoices';
import { stubStripeFake, testCheckout } from '../../test/stripe';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, withStaffArea } from '../../test/utils';

withStaffArea('2026-11-30T15:00:00Z');

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'invoice-00000007',
    invoiceNumber: 'INV-000007',
    patientId: 'p1',
    patientName: 'Paula Patient',
    appointmentId: 'a1',
    currency: 'USD',
    status: 'draft',
    lines: [{ id: 'service', kind: 'service', description: 'Signature facial', quantity: 1, unitPrice: 18000, taxable: false, practitionerId: 'staff-1', gross: 18000, discountTotal: 0, net: 18000, tax: 0 }],
    discount: null,
    tips: [],
    taxRates: [{ id: 'ny', name: 'NY sales tax', percent: 8.875, amount: 0 }],
    totals: { subtotal: 18000, discounts: 0, tax: 0, tips: 0, total: 18000, paid: 0, refunded: 0, balance: 18000 },
    payments: [],
    refunds: [],
    ...overrides,
  };
}

const billing = {
  taxRates: [{ id: 'ny', name: 'NY sales tax', percent: 8.875 }],
  products: [
    { id: 'botox', name: 'Botox', kind: 'neurotoxin', price: { amount: 1400, currency: 'USD' }, taxable: false },
    { id: 'serum', name: 'Vitamin C serum', kind: 'retail', price: { amount: 8900, currency: 'USD' }, taxable: true },
  ],
  deskRefundLimit: 10000,
};

describe('checkout at the desk', () => {
  it('adds units of a neurotoxin and a retail product, a discount with its reason and a tip, and saves with the version read', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => json(invoice(), { headers: { ETag: '"v1"' } })),
      route('GET', '/api/clinic/billing', () => json(billing)),
      route('PUT', '/api/invoices/invoice-00000007', (req) => {
        const body = req.body as { lines: unknown[] };
        return json(invoice({ lines: body.lines as Invoice['lines'], totals: { subtotal: 54900, discounts: 5490, tax: 711, tips: 2000, total: 52121, paid: 0, refunded: 0, balance: 52121 } }), { headers: { ETag: '"v2"' } });
      }),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    expect(await screen.findByRole('heading', { name: /Checkout INV-000007/ })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Product'), 'botox');
    await user.clear(screen.getByLabelText('Quantity'));
    await user.type(screen.getByLabelText('Quantity'), '20');
    await user.click(screen.getByRole('button', { name: 'Add to invoice' }));
    await user.selectOptions(screen.getByLabelText('Product'), 'serum');
    await user.click(screen.getByRole('button', { name: 'Add to invoice' }));
    await user.type(screen.getByLabelText('Percent off'), '10');
    await user.click(screen.getByRole('button', { name: 'Apply discount' }));
    expect(screen.getByText('Every discount needs a reason.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason'), 'First visit');
    await user.click(screen.getByRole('button', { name: 'Apply discount' }));
    await user.clear(screen.getByLabelText('Tip amount'));
    await user.type(screen.getByLabelText('Tip amount'), '20');
    await user.click(screen.getByRole('button', { name: 'Apply tip' }));
    expect(screen.getByText(/Unsaved changes/)).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Take payment' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Saved: the totals are up to date.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"v1"');
    expect(put.body).toMatchObject({
      lines: [
        { id: 'service' },
        { kind: 'neurotoxin', description: 'Botox', quantity: 20, unitPrice: 1400, productId: 'botox', taxable: false },
        { kind: 'retail', description: 'Vitamin C serum', quantity: 1, unitPrice: 8900, taxable: true },
      ],
      discount: { kind: 'percent', value: 10, reason: 'First visit' },
      tips: [{ practitionerId: 'staff-1', amount: 2000 }],
    });
    const totals = screen.getByRole('complementary', { name: 'Totals' });
    expect(within(totals).getAllByText('$521.21')).toHaveLength(2); // the total, and the balance due
  });

  it('takes cash and says the change, then a card payment through the payment service, then refunds part of it', async () => {
    const user = userEvent.setup();
    stubStripeFake();
    const issued = invoice({ status: 'open' });
    let paidByCard = false;
    const afterCash = invoice({ status: 'partial', totals: { ...issued.totals, paid: 10000, balance: 8000 }, payments: [{ id: 'ledger-1', tender: 'cash', amount: 10000, refundable: 10000, at: '', by: 'desk' }] });
    const afterCard = invoice({
      status: 'paid',
      totals: { ...issued.totals, paid: 18000, balance: 0 },
      payments: [...afterCash.payments, { id: 'ledger-2', tender: 'card', amount: 8000, refundable: 8000, at: '', by: 'stripe' }],
    });
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => json(issued, { headers: { ETag: '"v1"' } })),
      route('GET', '/api/clinic/billing', () => json(billing)),
      route('POST', '/api/payments', (req) => {
        const body = req.body as { tender: string; amount: number; tendered?: number; idempotencyKey: string };
        if (body.tender === 'cash') return json({ paymentId: 'ledger-1', change: (body.tendered ?? body.amount) - body.amount, card: null, invoice: afterCash }, { status: 201 });
        paidByCard = true;
        return json({ paymentId: null, change: 0, card: { ...testCheckout({ paymentId: 'pi_1' }), amount: { amount: body.amount, currency: 'USD' } }, invoice: afterCash });
      }),
      route('GET', '/api/invoices/invoice-00000007', () => json(paidByCard ? afterCard : afterCash)),
      route('POST', '/api/payments/refund', (req) => {
        const body = req.body as { amount: number; reason: string };
        if (body.amount > 5000) return problem(403, { title: 'Not allowed', detail: 'Ask an admin for this one.' });
        return json({ refundId: 'ledger-3', invoice: { ...afterCard, totals: { ...afterCard.totals, refunded: body.amount } } }, { status: 201 });
      }),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    await user.selectOptions(await screen.findByLabelText('Pay by'), 'cash');
    await user.clear(screen.getByLabelText('Amount (USD)'));
    await user.type(screen.getByLabelText('Amount (USD)'), '100');
    await user.type(screen.getByLabelText('Cash handed over (optional)'), '120');
    await user.click(screen.getByRole('button', { name: 'Take cash' }));
    expect(await screen.findByText('Cash taken. Give $20.00 in change.')).toBeInTheDocument();

    expect(screen.getByLabelText('Amount (USD)')).toHaveValue('80.00');
    await user.click(screen.getByRole('button', { name: 'Pay by card' }));
    await user.type(await screen.findByLabelText('Card number'), '4242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Charge card' }));
    expect(await screen.findByText('Card payment received.', {}, { timeout: 5000 })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Refund Card payment of \$80\.00/ }));
    await user.click(screen.getByRole('button', { name: /^Refund USD/ }));
    expect(screen.getByText('Say why the money goes back.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason'), 'Serum returned');
    await user.click(screen.getByRole('button', { name: /^Refund USD/ }));
    expect(await screen.findByText('Ask an admin for this one.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Amount to refund (USD)'));
    await user.type(screen.getByLabelText('Amount to refund (USD)'), '40');
    await user.click(screen.getByRole('button', { name: /^Refund USD/ }));
    expect(await screen.findByText('$40.00 refunded to the card.')).toBeInTheDocument();
    await waitFor(() => expect(fetch.requests.filter((r) => r.url.pathname === '/api/payments/refund')).toHaveLength(2));
  });

  it('pays part with a gift card after checking its balance, and prints, downloads and emails the invoice', async () => {
    const user = userEvent.setup();
    const issued = invoice({ status: 'open' });
    const afterGift = invoice({ status: 'partial', totals: { ...issued.totals, paid: 5000, balance: 13000 }, payments: [{ id: 'ledger-2', tender: 'gift-card', amount: 5000, refundable: 5000, at: '', by: 'desk' }] });
    const opened: string[] = [];
    const originalOpen = window.open;
    window.open = ((url?: string | URL) => { opened.push(String(url)); return null; }) as typeof window.open;
    URL.createObjectURL = () => 'blob:receipt';
    URL.revokeObjectURL = () => undefined;
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => json(issued, { headers: { ETag: '"v1"' } })),
      route('GET', '/api/clinic/billing', () => json(billing)),
      route('GET', '/api/gift-cards/2222-3333-4444-5555', () => json({ code: null, last4: '5555', currency: 'USD', balance: 5000, paidBalance: 5000, bonusBalance: 0, recipientName: null, expiresOn: null, expired: false })),
      route('POST', '/api/gift-cards/2222-3333-4444-5555/redeem', () => json({ giftCard: { last4: '5555', currency: 'USD', balance: 0 }, invoice: afterGift }, { status: 201 })),
      route('GET', '/api/invoices/invoice-00000007/pdf', () => new Response('%PDF-1.7', { headers: { 'Content-Type': 'application/pdf' } })),
      route('POST', '/api/invoices/invoice-00000007/send', () => json(afterGift, { headers: { ETag: '"v3"' } })),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    await user.selectOptions(await screen.findByLabelText('Pay by'), 'gift-card');
    await user.type(screen.getByLabelText('Gift card code'), '2222-3333-4444-5555');
    await user.click(screen.getByRole('button', { name: 'Check balance' }));
    expect(await screen.findByText(/Gift card ending 5555: \$50\.00 left/)).toBeInTheDocument();
    expect(screen.getByLabelText('Amount (USD)')).toHaveValue('50.00'); // all the card holds, as it is less than the balance due
    await user.click(screen.getByRole('button', { name: 'Pay with gift card' }));
    expect(await screen.findByText('$50.00 paid by gift card ending 5555; $0.00 left on it.')).toBeInTheDocument();
    const redeem = fetch.requests.find((r) => r.url.pathname.endsWith('/redeem'))!;
    expect(redeem.body).toMatchObject({ invoiceId: 'invoice-00000007', amount: 5000 });

    await user.click(screen.getByRole('button', { name: 'Print invoice' }));
    await waitFor(() => expect(opened).toEqual(['blob:receipt']));
    await user.click(screen.getByRole('button', { name: 'Email invoice to patient' }));
    expect(await screen.findByText('The invoice was emailed to Paula Patient.')).toBeInTheDocument();
    const send = fetch.requests.find((r) => r.url.pathname.endsWith('/send'))!;
    expect(String((send.body as { idempotencyKey: string }).idempotencyKey)).toHaveLength(36);
    window.open = originalOpen;
  });

  it('voids a paid invoice after asking why, says what went back, and shows the server’s refusal when it is too late', async () => {
    const user = userEvent.setup();
    const paid = invoice({
      status: 'paid',
      totals: { ...invoice().totals, paid: 18000, balance: 0 },
      payments: [{ id: 'ledger-2', tender: 'cash', amount: 18000, refundable: 18000, at: '', by: 'desk' }],
    });
    let tooLate = true;
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => json(paid, { headers: { ETag: '"v1"' } })),
      route('GET', '/api/clinic/billing', () => json(billing)),
      route('POST', '/api/invoices/invoice-00000007/void', () =>
        tooLate
          ? problem(409, { title: 'Conflict', detail: 'INV-000007 was issued on 29 November 2026; its payments have settled, so refund them instead.' })
          : json({ ...paid, status: 'void', voidReason: 'Wrong patient', totals: { ...paid.totals, refunded: 18000 }, payments: [{ ...paid.payments[0], refundable: 0 }] }),
      ),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    await user.click(await screen.findByRole('button', { name: 'Void invoice' }));
    expect(screen.getByText(/Every payment goes back to where it came from: \$180\.00 in all/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Void and give back $180.00' }));
    expect(screen.getByText('Say why it is voided.')).toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.url.pathname.endsWith('/void'))).toHaveLength(0);

    await user.type(screen.getByLabelText('Why it is voided'), 'Wrong patient');
    await user.click(screen.getByRole('button', { name: 'Void and give back $180.00' }));
    expect(await screen.findByText(/its payments have settled, so refund them instead/)).toBeInTheDocument();

    tooLate = false;
    await user.click(screen.getByRole('button', { name: 'Void and give back $180.00' }));
    expect(await screen.findByText('INV-000007 was voided; $180.00 went back to where it was paid from.')).toBeInTheDocument();
    expect(screen.getByText('Voided: Wrong patient')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Void invoice' })).not.toBeInTheDocument();
    const [first, second] = fetch.requests.filter((r) => r.url.pathname.endsWith('/void'));
    expect(second.body).toEqual({ reason: 'Wrong patient', idempotencyKey: (first.body as { idempotencyKey: string }).idempotencyKey });
  });

  it('pays from the patient’s credit when they have some, and offers it no more once it is spent', async () => {
    const user = userEvent.setup();
    const issued = invoice({ status: 'open' });
    let balance = 5000;
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => json(issued, { headers: { ETag: '"v1"' } })),
      route('GET', '/api/clinic/billing', () => json(billing)),
      route('GET', '/api/patients/p1/credit', () => json({ patientId: 'p1', currency: 'USD', balance, movements: [] })),
      route('POST', '/api/payments', (req) => {
        balance -= (req.body as { amount: number }).amount;
        return json({ paymentId: 'ledger-1', change: 0, card: null, invoice: { ...issued, status: 'partial', totals: { ...issued.totals, paid: 5000, balance: 13000 } } }, { status: 201 });
      }),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    await user.selectOptions(await screen.findByLabelText('Pay by'), 'credit');
    expect(screen.getByRole('option', { name: 'Patient credit ($50.00 available)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pay from credit' }));
    expect(screen.getByText('The patient has $50.00 of credit.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Amount (USD)'));
    await user.type(screen.getByLabelText('Amount (USD)'), '50');
    await user.click(screen.getByRole('button', { name: 'Pay from credit' }));
    expect(await screen.findByText("$50.00 paid from the patient's credit.")).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.url.pathname === '/api/payments')!.body).toMatchObject({ tender: 'credit', amount: 5000 });
    expect(screen.queryByRole('option', { name: /Patient credit/ })).not.toBeInTheDocument(); // all of it spent
  });

  it('says why a visit cannot be checked out yet', async () => {
    const fetch = mockFetch(
      route('POST', '/api/invoices', () => problem(409, { title: 'Not possible', detail: 'This appointment is scheduled: its invoice opens once the patient has arrived.' })),
      route('GET', '/api/clinic/billing', () => json(billing)),
    );
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('frontdesk'), fetch }));

    expect(await screen.findByText(/its invoice opens once the patient has arrived/)).toBeInTheDocument();
  });

  it('is the desk’s and the admins’ only', async () => {
    renderApp('/staff/checkout/a1', fakeAuth({ me: meFor('practitioner'), fetch: mockFetch() }));

    expect(await screen.findByRole('heading', { name: /not available/i })).toBeInTheDocument();
  });
});
