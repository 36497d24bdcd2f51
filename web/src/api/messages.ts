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
  /** What the desk texted back, oldest first. */
  replies?: { text: string; by: string; at: string }[];
}

export const messagesApi = {
  inbox: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: InboxMessage[] }>('/api/messages/inbox', { signal }).then((r) => r.items),
  reply: (api: ApiClient, id: string, body: { text: string; idempotencyKey: string }) =>
    api.request<InboxMessage>(`/api/messages/inbox/${encodeURIComponent(id)}/reply`, { method: 'POST', body }).then((r) => r.data),
  markDone: (api: ApiClient, id: string) =>
    api.request<InboxMessage>(`/api/messages/inbox/${encodeURIComponent(id)}/done`, { method: 'POST' }).then((r) => r.data),
};
