import type { ApiClient } from './client';

/** Whether a practitioner has a private calendar link (GET /api/practitioners/{id}/calendar-feed). */
export interface CalendarFeedStatus {
  active: boolean;
  createdAt?: string | null;
  createdBy?: string | null;
}

/** A link just made: the whole address is in this answer only (the server keeps a hash). */
export interface NewCalendarFeed extends CalendarFeedStatus {
  url: string;
  path: string;
}

const path = (practitionerId: string) => `/api/practitioners/${encodeURIComponent(practitionerId)}/calendar-feed`;

export const calendarFeedApi = {
  status: (api: ApiClient, practitionerId: string, signal?: AbortSignal) => api.get<CalendarFeedStatus>(path(practitionerId), { signal }),
  create: (api: ApiClient, practitionerId: string) => api.request<NewCalendarFeed>(path(practitionerId), { method: 'POST' }).then((r) => r.data),
  turnOff: (api: ApiClient, practitionerId: string) => api.request<void>(path(practitionerId), { method: 'DELETE' }).then(() => undefined),
};

/** A practitioner's Google or Microsoft 365 calendar whose busy times block their availability. */
export interface CalendarConnection {
  provider: 'google' | 'microsoft';
  calendarId: string;
  connectedAt: string;
  connectedBy: string;
  syncedAt?: string | null;
  /** Busy times still to come that block bookings. */
  busyTimes: number;
  nextBusy?: { start: string; end: string } | null;
  /** Why the last update failed, if it did. */
  problem?: string | null;
}

const connections = (practitionerId: string) => `/api/practitioners/${encodeURIComponent(practitionerId)}/calendar-connections`;

export const calendarConnectionsApi = {
  list: (api: ApiClient, practitionerId: string, signal?: AbortSignal) =>
    api.get<{ items: CalendarConnection[] }>(connections(practitionerId), { signal }).then((r) => r.items),
  connect: (api: ApiClient, practitionerId: string, body: { provider: string; calendarId: string }) =>
    api.request<CalendarConnection>(connections(practitionerId), { method: 'POST', body }).then((r) => r.data),
  disconnect: (api: ApiClient, practitionerId: string, provider: string) =>
    api.request<void>(`${connections(practitionerId)}/${encodeURIComponent(provider)}`, { method: 'DELETE' }).then(() => undefined),
};
