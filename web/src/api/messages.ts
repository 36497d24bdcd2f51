import type { ApiClient } from './client';

/** A patient's text that needs a person (GET /api/messages/inbox). */
export interface InboxMessage {
  id: string;
  patientId: string;
  patientName: string;
  from: string;
  text: string;
  /** Why it is here: a reply the system could not act on, or a request for another time. */
  reason: string;
  at: string;
  done: boolean;
  doneBy?: string | null;
  doneAt?: string | null;
}

export const messagesApi = {
  inbox: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: InboxMessage[] }>('/api/messages/inbox', { signal }).then((r) => r.items),
  markDone: (api: ApiClient, id: string) =>
    api.request<InboxMessage>(`/api/messages/inbox/${encodeURIComponent(id)}/done`, { method: 'POST' }).then((r) => r.data),
};
