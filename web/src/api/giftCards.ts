import type { ApiClient } from './client';
import type { Invoice } from './invoices';
import type { Money } from './money';
import type { PaymentCheckout } from './payments';

/** A gift card as the desk sees it: never its code after it was issued, only its last four characters. */
export interface GiftCard {
  code: string | null;
  last4: string;
  currency: string;
  balance: number;
  paidBalance: number;
  bonusBalance: number;
  recipientName: string | null;
  expiresOn: string | null;
  expired: boolean;
}

export interface GiftCardPurchase {
  id: string;
  status: 'awaiting-payment' | 'scheduled' | 'delivered';
  amount: Money;
  recipientName: string;
  recipientEmail: string;
  message: string | null;
  deliverAt: string;
  /** The delivery time on the buyer's wall clock, with its offset ("2026-12-02T09:00:00-08:00"). */
  deliverAtLocal: string;
  timeZone: string;
}

export interface NewGiftCardPurchase {
  amount: number;
  currency: string;
  recipientName: string;
  recipientEmail: string;
  message: string | null;
  /** Wall-clock "2026-12-02T09:00" in timeZone, or null to send it as soon as it is paid. */
  deliverOn: string | null;
  timeZone: string;
  idempotencyKey: string;
}

const enc = encodeURIComponent;

export const giftCardsApi = {
  check: (api: ApiClient, code: string) => api.get<GiftCard>(`/api/gift-cards/${enc(code)}`),
  redeem: (api: ApiClient, code: string, body: { invoiceId: string; amount: number; idempotencyKey: string }) =>
    api.request<{ giftCard: GiftCard; invoice: Invoice }>(`/api/gift-cards/${enc(code)}/redeem`, { method: 'POST', body }).then((r) => r.data),
  buyOnline: (api: ApiClient, body: NewGiftCardPurchase) =>
    api.request<GiftCardPurchase & PaymentCheckout>('/api/gift-cards/online-purchase', { method: 'POST', body }).then((r) => r.data),
  purchase: (api: ApiClient, id: string) => api.get<GiftCardPurchase>(`/api/gift-cards/online-purchase/${enc(id)}`),
};
