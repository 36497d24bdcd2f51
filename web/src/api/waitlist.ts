import type { Appointment } from './booking';
import type { ApiClient } from './client';

/** A part of the day a patient can come, by the location's clock: morning before 12:00, afternoon to 17:00, evening after. */
export type DayPart = 'morning' | 'afternoon' | 'evening';

export const DAY_PARTS: { value: DayPart; label: string }[] = [
  { value: 'morning', label: 'Mornings (before 12:00)' },
  { value: 'afternoon', label: 'Afternoons (12:00 to 17:00)' },
  { value: 'evening', label: 'Evenings (from 17:00)' },
];

/** A patient's place on the waitlist (GET /api/booking/waitlist). */
export interface WaitlistEntry {
  id: string;
  patientId: string;
  patientName: string;
  serviceId: string;
  serviceName: string;
  locationId: string;
  locationName: string | null;
  practitionerId?: string | null;
  practitionerName: string | null;
  fromDate: string;
  toDate: string;
  timesOfDay: DayPart[];
  status: 'active' | 'offered' | 'booked' | 'removed';
  currentOfferId?: string | null;
  appointmentId?: string | null;
  createdAt: string;
}

/** A freed time offered to a patient on the waitlist: the first to accept before it expires gets it. */
export interface WaitlistOffer {
  id: string;
  entryId: string;
  serviceName: string;
  locationId: string;
  locationName: string | null;
  /** In the location's zone, with its offset. */
  startTime: string;
  expiresAt: string;
  status: 'open' | 'accepting' | 'booked' | 'failed' | 'expired' | 'gone';
  appointmentId?: string | null;
  reason?: string | null;
}

export interface JoinWaitlist {
  /** The desk's: the patient it adds (a patient joins for themselves). */
  patientId?: string;
  serviceId: string;
  locationId: string;
  practitionerId?: string;
  fromDate: string;
  toDate: string;
  timesOfDay: DayPart[];
}

export const waitlistApi = {
  /** The desk's view: who waits at a location (open entries). */
  atLocation: (api: ApiClient, locationId: string, signal?: AbortSignal) =>
    api.get<{ items: WaitlistEntry[] }>(`/api/booking/waitlist?locationId=${encodeURIComponent(locationId)}`, { signal }).then((r) => r.items),
  mine: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: WaitlistEntry[] }>('/api/booking/waitlist?includeClosed=true', { signal }).then((r) => r.items),
  offer: (api: ApiClient, offerId: string, signal?: AbortSignal) =>
    api.get<WaitlistOffer>(`/api/booking/waitlist/offers/${encodeURIComponent(offerId)}`, { signal }),
  /** 200 with the booking; 409 when someone else was first; 410 when the window closed. */
  accept: (api: ApiClient, offerId: string) =>
    api.request<Appointment>(`/api/booking/waitlist/offers/${encodeURIComponent(offerId)}/accept`, { method: 'POST' }).then((r) => r.data),
  join: (api: ApiClient, body: JoinWaitlist) => api.request<WaitlistEntry>('/api/booking/waitlist', { method: 'POST', body }).then((r) => r.data),
  leave: (api: ApiClient, entryId: string) =>
    api.request<WaitlistEntry>(`/api/booking/waitlist/${encodeURIComponent(entryId)}`, { method: 'DELETE' }).then((r) => r.data),
};
