import type { ApiClient } from '../api/client';
import { invoicesApi, type Invoice } from '../api/invoices';

/**
 * Reads the invoice until Stripe's webhook has posted the card payment (MedSpa learns the outcome from Stripe, not from
 * the page), or gives up after half a minute: a declined card leaves the invoice as it was.
 */
export async function waitForInvoicePayment(api: ApiClient, invoice: Invoice): Promise<Invoice | null> {
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await invoicesApi.get(api, invoice.id);
    if (now.totals.paid > invoice.totals.paid) return now;
  }
  return null;
}

/** The invoice's PDF (a receipt once paid), fetched with the sign-in: opened in the browser's viewer to print, or saved. */
export async function openInvoicePdf(api: ApiClient, invoice: Invoice, how: 'print' | 'download') {
  const url = URL.createObjectURL(await invoicesApi.pdf(api, invoice.id));
  if (how === 'print') window.open(url, '_blank', 'noopener');
  else {
    const link = document.createElement('a');
    link.href = url;
    link.download = `${invoice.status === 'paid' ? 'receipt' : 'invoice'}-${invoice.invoiceNumber}.pdf`;
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
