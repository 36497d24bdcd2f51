import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../api/invoices';
import { stubStripeFake, testCheckout } from '../../test/stripe';
import { json, renderAsPatient, route } from '../../test/utils';

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'invoice-00000003',
    invoiceNumber: 'INV-000003',
    patientId: 'patient-1',
    currency: 'USD',
    status: 'partial',
    lines: [{ id: 'service', kind: 'service', description: 'Signature facial', quantity: 1, unitPrice: 18000, taxable: false }],
    discount: null,
    tips: [],
    taxRates: [],
    totals: { subtotal: 18000, discounts: 0, tax: 0, tips: 0, total: 18000, paid: 10000, refunded: 0, balance: 8000 },
    payments: [],
    refunds: [],
    issuedAt: '2026-11-28T16:00:00Z',
    ...overrides,
  };
}

describe('my invoices', () => {
  it('shows what each invoice still owes and pays the balance by card', async () => {
    const user = userEvent.setup();
    stubStripeFake();
    let paid = false;
    const fetch = renderAsPatient('/patient/invoices', [
      route('GET', '/api/patients/patient-1/invoices', () =>
        json({ items: [paid ? invoice({ status: 'paid', totals: { ...invoice().totals, paid: 18000, balance: 0 } }) : invoice(), invoice({ id: 'invoice-00000001', invoiceNumber: 'INV-000001', status: 'paid', totals: { ...invoice().totals, paid: 18000, balance: 0 } })] })),
      route('POST', '/api/payments', () => json({ paymentId: null, change: 0, card: { ...testCheckout({ paymentId: 'pi_9' }), amount: { amount: 8000, currency: 'USD' } }, invoice: invoice() })),
      route('GET', '/api/invoices/invoice-00000003', () => {
        paid = true;
        return json(invoice({ status: 'paid', totals: { ...invoice().totals, paid: 18000, balance: 0 } }));
      }),
    ]);

    const open = await screen.findByRole('article', { name: 'INV-000003' });
    expect(within(open).getByText('Partly paid')).toBeInTheDocument();
    expect(within(open).getByText('$80.00')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: 'INV-000001' })).queryByRole('button', { name: /^Pay/ })).not.toBeInTheDocument();
    await user.click(within(open).getByRole('button', { name: 'Pay $80.00 on INV-000003' }));
    await user.type(await screen.findByLabelText('Card number'), '4242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay $80.00' }));

    expect(await screen.findByText('Thank you: $80.00 paid on INV-000003.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toMatchObject({ invoiceId: 'invoice-00000003', tender: 'card', amount: 8000 });
  });

  it('says so when there are none yet', async () => {
    renderAsPatient('/patient/invoices', [route('GET', '/api/patients/patient-1/invoices', () => json({ items: [] }))]);

    expect(await screen.findByText(/You have no invoices yet/)).toBeInTheDocument();
  });
});
