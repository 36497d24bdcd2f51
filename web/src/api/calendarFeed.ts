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
