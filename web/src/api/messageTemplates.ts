import type { ApiClient } from './client';

export type MessageKind =
  | 'booking-confirmation'
  | 'reminder'
  | 'after-care'
  | 'review-request'
  | 'change'
  | 'cancellation'
  | 'deposit-request'
  | 'form-request'
  | 'waitlist-offer'
  | 'birthday';
export type TemplateChannel = 'email' | 'sms';

/** A clinic's own words for one kind of message on one channel in one language (email has a subject). */
export interface MessageTemplate {
  kind: MessageKind;
  channel: TemplateChannel;
  language: string;
  subject?: string | null;
  body: string;
}

/** The clinic's templates and languages (GET/PUT /api/clinic/message-templates, with their version). */
export interface MessageTemplates {
  languages: string[];
  templates: MessageTemplate[];
  /** Patients who agreed to marketing are wished a happy birthday by email on the day. */
  birthdayGreetings?: boolean;
}

/** A kind of message: its variables and MedSpa's own words. */
export interface MessageKindInfo {
  kind: MessageKind;
  name: string;
  variables: string[];
  subject: string;
  email: string;
  sms: string;
}

export interface TemplatePreview {
  subject?: string | null;
  body: string;
  characters: number;
  segments?: number | null;
  unknownVariables: string[];
}

export const messageTemplatesApi = {
  catalog: (api: ApiClient, signal?: AbortSignal) => api.get<{ items: MessageKindInfo[] }>('/api/clinic/message-templates/catalog', { signal }).then((r) => r.items),
  /** The words filled with sample values; the visit's day written in `language`. */
  preview: (api: ApiClient, body: { kind: MessageKind; channel: TemplateChannel; subject?: string; body: string; language?: string }) =>
    api.request<TemplatePreview>('/api/clinic/message-templates/preview', { method: 'POST', body }).then((r) => r.data),
};
