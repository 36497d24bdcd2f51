import type { ApiClient } from './client';
import type { Money } from './money';

export type MembershipInterval = 'monthly' | 'yearly';

/** A membership the clinic sells (GET /api/membership-plans). */
export interface MembershipPlan {
  id: string;
  name: string;
  price: Money;
  interval: MembershipInterval;
  benefits?: string | null;
}

/** A patient's membership (GET /api/patients/{id}/memberships), newest first. */
export interface Membership {
  id: string;
  patientId: string;
  planId: string;
  planName: string;
  price: Money;
  interval: MembershipInterval;
  status: 'active' | 'past-due' | 'cancelled' | 'lapsed';
  joinedAt: string;
  /** What was paid for runs to here (a cancelled membership too). */
  paidThrough: string;
  nextChargeAt?: string | null;
  failedAttempts: number;
  lastFailure?: string | null;
  endedAt?: string | null;
  /** What the past-due period still owes (minor units), and its invoice to pay. */
  owed: number;
  owedInvoiceId?: string | null;
  benefits?: string | null;
}

export const INTERVAL_LABEL: Record<MembershipInterval, string> = { monthly: 'a month', yearly: 'a year' };

export const MEMBERSHIP_STATUS: Record<Membership['status'], string> = { active: 'Active', 'past-due': 'Payment needed', cancelled: 'Cancelled', lapsed: 'Ended' };

/** "Tuesday, December 1, 2026": the day of an instant, as membership dates are told. */
export const membershipDay = (iso: string) => new Date(iso).toLocaleDateString('en-US', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** The member's current membership (live, or cancelled and running to its end); the rest are history. */
export const currentMembership = (memberships: Membership[]) => memberships.find((m) => m.status === 'active' || m.status === 'past-due' || m.status === 'cancelled');

export const membershipsApi = {
  plans: (api: ApiClient, signal?: AbortSignal) => api.get<{ items: MembershipPlan[] }>('/api/membership-plans', { signal }).then((r) => r.items),
  ofPatient: (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    api.get<{ items: Membership[] }>(`/api/patients/${encodeURIComponent(patientId)}/memberships`, { signal }).then((r) => r.items),
  /** The first period is charged to the card on file at once; 409 says why not (declined, no card, a member already). */
  join: (api: ApiClient, body: { patientId: string; planId: string; idempotencyKey: string }) =>
    api.request<Membership>('/api/memberships', { method: 'POST', body }).then((r) => r.data),
  cancel: (api: ApiClient, membershipId: string) =>
    api.request<Membership>(`/api/memberships/${encodeURIComponent(membershipId)}/cancel`, { method: 'POST' }).then((r) => r.data),
};
