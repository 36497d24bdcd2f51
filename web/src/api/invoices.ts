import type { ApiClient } from './client';
import type { Money } from './money';
import type { PaymentCheckout } from './payments';

export type LineKind = 'service' | 'neurotoxin' | 'filler' | 'retail' | 'other';
export type Tender = 'cash' | 'card' | 'gift-card' | 'credit' | 'deposit';

export interface Discount {
  kind: 'percent' | 'fixed';
  /** A percent (0–100), or minor units for a fixed discount. */
  value: number;
  reason: string;
}

export interface InvoiceLine {
  id: string;
  kind: LineKind;
  description: string;
  quantity: number;
  /** Minor units. */
  unitPrice: number;
  taxable: boolean;
  productId?: string | null;
  practitionerId?: string | null;
  discount?: Discount | null;
  gross?: number;
  discountTotal?: number;
  net?: number;
  tax?: number;
}

export interface InvoicePayment {
  id: string;
  tender: Tender;
  amount: number;
  refundable: number;
  at: string;
  by: string;
  reference?: string | null;
}

export interface PatientCredit {
  patientId: string;
  currency: string;
  balance: number;
  movements: { type: 'granted' | 'spent' | 'returned'; amount: number; invoiceId?: string | null; reason: string; at: string; by: string }[];
}

export interface Invoice {
  id: string;
  invoiceNumber: string;
  patientId: string;
  patientName?: string | null;
  appointmentId?: string | null;
  currency: string;
  status: 'draft' | 'open' | 'partial' | 'paid' | 'void';
  lines: InvoiceLine[];
  discount: Discount | null;
  tips: { practitionerId: string; amount: number }[];
  taxRates: { id: string; name: string; percent: number; amount: number }[];
  totals: { subtotal: number; discounts: number; tax: number; tips: number; total: number; paid: number; refunded: number; balance: number };
  payments: InvoicePayment[];
  refunds: { id: string; paymentId: string; tender: Tender; amount: number; reason: string; at: string; by: string; lineId?: string | null }[];
  notes?: string | null;
  voidReason?: string | null;
  createdAt?: string;
  issuedAt?: string | null;
  etag?: string;
}

export interface InvoiceDraft {
  lines: InvoiceLine[];
  discount: Discount | null;
  tips: { practitionerId: string; amount: number }[];
  notes?: string | null;
}

export interface BillingProduct {
  id: string;
  name: string;
  kind: 'neurotoxin' | 'filler' | 'retail';
  price: Money;
  taxable: boolean;
}

export interface BillingSettings {
  taxRates: { id: string; name: string; percent: number; locationIds?: string[] | null }[];
  products: BillingProduct[];
  deskRefundLimit: number;
}

export interface PaymentResult {
  paymentId: string | null;
  change: number;
  card: (PaymentCheckout & { amount: Money }) | null;
  invoice: Invoice;
}

const enc = encodeURIComponent;

export const invoicesApi = {
  /** The visit's invoice: opened by completing the visit, or now. */
  openForAppointment: (api: ApiClient, appointmentId: string) =>
    api.requestWithEtag<Invoice>('/api/invoices', { method: 'POST', body: { appointmentId } }),
  /** A sale without a visit. */
  openForPatient: (api: ApiClient, patientId: string) =>
    api.requestWithEtag<Invoice>('/api/invoices', { method: 'POST', body: { patientId } }),
  /** A patient's invoices, newest first (a patient sees their own once issued). */
  ofPatient: (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    api.get<{ items: Invoice[] }>(`/api/patients/${enc(patientId)}/invoices`, { signal }).then((r) => r?.items ?? []),
  get: (api: ApiClient, id: string, signal?: AbortSignal) => api.requestWithEtag<Invoice>(`/api/invoices/${enc(id)}`, { signal }),
  save: (api: ApiClient, id: string, draft: InvoiceDraft, etag: string) =>
    api.requestWithEtag<Invoice>(`/api/invoices/${enc(id)}`, { method: 'PUT', body: draft, ifMatch: etag }),
  pay: (api: ApiClient, body: { invoiceId: string; tender: Tender; amount: number; tendered?: number; idempotencyKey: string }) =>
    api.request<PaymentResult>('/api/payments', { method: 'POST', body }).then((r) => r.data),
  refund: (api: ApiClient, body: { invoiceId: string; paymentId: string; amount: number; reason: string; idempotencyKey: string; lineId?: string; asCredit?: boolean }) =>
    api.request<{ refundId: string; invoice: Invoice }>('/api/payments/refund', { method: 'POST', body }).then((r) => r.data),
  billing: (api: ApiClient, signal?: AbortSignal) => api.get<BillingSettings>('/api/clinic/billing', { signal }),
  /** The invoice as a PDF (a receipt once paid), fetched with the sign-in so it can be opened or saved. */
  pdf: (api: ApiClient, id: string) => api.request<Blob>(`/api/invoices/${enc(id)}/pdf`).then((r) => r.data),
  /** Charges a missed appointment's fee to the card on file (once per appointment: a repeat answers the same invoice). */
  chargeMissedVisitFee: (api: ApiClient, appointmentId: string) =>
    api.requestWithEtag<Invoice>(`/api/appointments/${enc(appointmentId)}/fee`, { method: 'POST' }),
  /** Emails it to the patient (a draft is issued first); the key sends it once. */
  send: (api: ApiClient, id: string, idempotencyKey: string) =>
    api.requestWithEtag<Invoice>(`/api/invoices/${enc(id)}/send`, { method: 'POST', body: { idempotencyKey } }),
  /** A patient's account credit: what they have and how it came to be. */
  credit: (api: ApiClient, patientId: string, signal?: AbortSignal) => api.get<PatientCredit>(`/api/patients/${enc(patientId)}/credit`, { signal }),
  /** Voids it: a draft at once; an issued one on its day, every payment given back first. The key gives nothing back twice. */
  void: (api: ApiClient, id: string, reason: string, idempotencyKey: string) =>
    api.requestWithEtag<Invoice>(`/api/invoices/${enc(id)}/void`, { method: 'POST', body: { reason, idempotencyKey } }),
};
