import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../auth/AuthContext';
import type { ApiClient } from './client';
import { queryKeys } from './queries';
import { useApiQuery } from './useApiQuery';

/**
 * Intake forms and consents (issue 10, docs/forms-api.md): the types of the contract, the calls, and their queries.
 * A form is built by an admin (a working copy with an etag), published as immutable numbered versions, and answered
 * by a patient as a signed submission.
 */

export const FORM_KINDS = ['intake', 'consent', 'photoRelease'] as const;
export type FormKind = (typeof FORM_KINDS)[number];
export const FORM_KIND_LABELS: Record<FormKind, string> = {
  intake: 'Intake form',
  consent: 'Consent',
  photoRelease: 'Photo release',
};

export function formKindLabel(kind: string | null | undefined): string {
  return FORM_KIND_LABELS[kind as FormKind] ?? kind ?? '';
}

/** Consents and photo releases carry legal text and need a required signature. */
export function needsLegalText(kind: string | null | undefined): boolean {
  return kind === 'consent' || kind === 'photoRelease';
}

export const FIELD_TYPES = ['text', 'longText', 'choice', 'multiChoice', 'date', 'number', 'yesNo', 'signature', 'initials', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Short text',
  longText: 'Long text',
  choice: 'One choice',
  multiChoice: 'Several choices',
  date: 'Date',
  number: 'Number',
  yesNo: 'Yes / no',
  signature: 'Signature',
  initials: 'Initials',
  file: 'File upload',
};

/** Field types that list their `options`. */
export function hasOptions(type: string): boolean {
  return type === 'choice' || type === 'multiChoice';
}

/** Shown (and possibly required) only when the earlier field `fieldId` has the value `equals`. */
export interface VisibleIf {
  fieldId: string;
  equals: string;
}

export interface FormField {
  /** Letters, digits, `-`/`_`, 1–40 characters, unique in the form. */
  id: string;
  type: FieldType;
  label: string;
  required: boolean;
  /** 2–30 distinct, for choice and multiChoice only (empty otherwise). */
  options: string[];
  help: string | null;
  visibleIf: VisibleIf | null;
}

export interface FormSection {
  title: string;
  fields: FormField[];
}

/** What the builder edits (the body of POST and PUT /api/forms). */
export interface FormContent {
  name: string;
  description: string | null;
  kind: FormKind;
  /** Required for consent and photoRelease; shown above the fields, signed. */
  legalText: string | null;
  /** null = never expires; 1..120. */
  expirationMonths: number | null;
  sections: FormSection[];
}

export interface FormSummary {
  id: string;
  name: string;
  kind: FormKind;
  description: string | null;
  publishedVersion: number | null;
  hasDraft: boolean;
  expirationMonths: number | null;
  updatedAt: string;
}

/** The working copy, as an admin edits it (with its etag for If-Match). */
export type Form = FormSummary & FormContent & { etag: string };

/** One published version: immutable. */
export type FormVersion = FormContent & { formId: string; version: number; publishedAt: string };

/** An answer: text/longText/choice/date → string; number → number; yesNo → "yes" | "no"; multiChoice → string[];
 * signature/initials/file → a data URL. */
export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface SubmitForm {
  patientId: string;
  version: number;
  answers: Answers;
  signerName: string;
  appointmentId?: string;
}

/** What a submission and its line in a list both say: which form, whose, signed by whom and when, until when. */
interface SubmissionFacts {
  id: string;
  formId: string;
  formName: string;
  kind: FormKind;
  version: number;
  patientId: string;
  signerName: string;
  submittedAt: string;
  expiresAt: string | null;
  supersededBy: string | null;
}

export interface Submission extends SubmissionFacts {
  appointmentId: string | null;
  answers: Answers;
  submittedBy: { name: string; role: string };
  ipAddress: string | null;
  userAgent: string | null;
  legalText: string | null;
  contentHash: string;
  /** The version answered, to show it as signed. */
  content: FormContent;
}

export interface SubmissionSummary extends SubmissionFacts {
  patientName: string;
  expired: boolean;
}

/** Why a form is outstanding, in the patient's words (the reasons are the keys). */
export const OUTSTANDING_REASON_LABELS = {
  required: 'Needed for your visit',
  expired: 'Expired: please sign again',
  requested: 'Requested by the clinic',
} as const;
export type OutstandingReason = keyof typeof OUTSTANDING_REASON_LABELS;

export interface OutstandingForm {
  formId: string;
  name: string;
  kind: FormKind;
  reason: OutstandingReason;
  appointmentId: string | null;
  startTime: string | null;
}

export interface PatientForms {
  outstanding: OutstandingForm[];
  /** Newest first; superseded ones included, marked. */
  submissions: SubmissionSummary[];
}

/** What an appointment carries: the forms its service requires that the patient has no valid submission for. */
export interface MissingForm {
  formId: string;
  name: string;
  kind: FormKind;
}

export interface SentForm {
  sentAt: string;
  link: string;
}

/** A blank form, as "New form" starts it. */
export function emptyFormContent(): FormContent {
  return { name: '', description: null, kind: 'intake', legalText: null, expirationMonths: null, sections: [{ title: '', fields: [] }] };
}

/** The content of a working copy or a version: what PUT sends and the renderer shows. */
export function contentOf(form: FormContent): FormContent {
  return {
    name: form.name,
    description: form.description ?? null,
    kind: form.kind,
    legalText: form.legalText ?? null,
    expirationMonths: form.expirationMonths ?? null,
    sections: (form.sections ?? []).map((s) => ({
      title: s.title,
      fields: (s.fields ?? []).map((f) => ({
        id: f.id,
        type: f.type,
        label: f.label,
        required: !!f.required,
        options: f.options ?? [],
        help: f.help ?? null,
        visibleIf: f.visibleIf ?? null,
      })),
    })),
  };
}

const enc = encodeURIComponent;

export const formsApi = {
  /** Staff: every form by name; `kind` filters. */
  list: (api: ApiClient, kind?: FormKind | '', signal?: AbortSignal) =>
    api.get<{ items: FormSummary[] }>('/api/forms', { query: { kind }, signal }).then((r) => r?.items ?? []),

  /** Staff: the working copy with its etag. */
  get: (api: ApiClient, id: string, signal?: AbortSignal) => api.requestWithEtag<Form>(`/api/forms/${enc(id)}`, { signal }),

  /** Admin: a new draft (not yet published). */
  create: (api: ApiClient, content: FormContent) => api.requestWithEtag<Form>('/api/forms', { method: 'POST', body: content }),

  /** Admin: edits the draft with If-Match (412 when someone else saved first); published versions are unchanged. */
  update: (api: ApiClient, form: Pick<Form, 'id' | 'etag'>, content: FormContent) =>
    api.requestWithEtag<Form>(`/api/forms/${enc(form.id)}`, { method: 'PUT', body: content, ifMatch: form.etag }),

  /** Admin: the draft becomes the next version (409 when there is nothing to publish). */
  publish: (api: ApiClient, id: string) => api.requestWithEtag<Form>(`/api/forms/${enc(id)}/publish`, { method: 'POST' }),

  /** Anyone signed in to the clinic: one published version; `version` a number or 'latest'. */
  version: (api: ApiClient, id: string, version: number | 'latest', signal?: AbortSignal) =>
    api.get<FormVersion>(`/api/forms/${enc(id)}/versions/${enc(String(version))}`, { signal }),

  /** The patient (self or a child) or staff: answers to one version, signed → the submission (201). */
  submit: (api: ApiClient, id: string, body: SubmitForm) =>
    api.request<Submission>(`/api/forms/${enc(id)}/submit`, { method: 'POST', body }).then((r) => r.data),

  /** Staff: asks the patient to fill the form (a message with the link; `requested` in their outstanding list). */
  send: (api: ApiClient, id: string, body: { patientId: string; appointmentId?: string }) =>
    api.request<SentForm>(`/api/forms/${enc(id)}/send`, { method: 'POST', body }).then((r) => r.data),

  /** Admin, practitioner: the submissions of a form, newest first. */
  submissions: (api: ApiClient, id: string, signal?: AbortSignal) =>
    api.get<{ items: SubmissionSummary[] }>(`/api/forms/${enc(id)}/submissions`, { signal }).then((r) => r?.items ?? []),

  /** Whoever may open the record: the forms a patient still has to fill and those on file. */
  patientForms: (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    api.get<PatientForms>(`/api/patients/${enc(patientId)}/forms`, { signal }).then((r) => ({
      outstanding: r?.outstanding ?? [],
      submissions: r?.submissions ?? [],
    })),

  /** Admin, the treating practitioner, the patient or guardian: one submission with its answers. */
  submission: (api: ApiClient, patientId: string, submissionId: string, signal?: AbortSignal) =>
    api.get<Submission>(`/api/patients/${enc(patientId)}/forms/${enc(submissionId)}`, { signal }),
};

// ----- queries (keys in queries.ts) -----

/** Staff: the forms list (`kind` filters, e.g. 'consent' for a service's required consents). */
export function useForms(kind: FormKind | '' = '', options: { enabled?: boolean } = {}) {
  return useApiQuery(queryKeys.forms.list(kind), (api, signal) => formsApi.list(api, kind, signal), { enabled: options.enabled ?? true });
}

/** Staff: one form's working copy (with its etag); `null` id reads nothing (a new form). */
export function useFormItem(id: string | null) {
  return useApiQuery(queryKeys.forms.item(id ?? ''), (api, signal) => formsApi.get(api, id!, signal), { enabled: !!id });
}

/** One published version (the patient's page reads 'latest'). */
export function useFormVersion(id: string, version: number | 'latest' = 'latest') {
  return useApiQuery(queryKeys.forms.version(id, version), (api, signal) => formsApi.version(api, id, version, signal), { enabled: !!id });
}

/** A patient's outstanding and completed forms; `enabled: false` until there is an id. */
export function usePatientForms(patientId: string | null | undefined) {
  return useApiQuery(queryKeys.patients.forms(patientId ?? ''), (api, signal) => formsApi.patientForms(api, patientId!, signal), { enabled: !!patientId });
}

/** One submission with its answers. */
export function useSubmission(patientId: string | null | undefined, submissionId: string | null | undefined) {
  return useApiQuery(
    queryKeys.patients.submission(patientId ?? '', submissionId ?? ''),
    (api, signal) => formsApi.submission(api, patientId!, submissionId!, signal),
    { enabled: !!patientId && !!submissionId },
  );
}

/** Admin, practitioner: a form's submissions, newest first. */
export function useFormSubmissions(formId: string | null | undefined) {
  return useApiQuery(queryKeys.forms.submissions(formId ?? ''), (api, signal) => formsApi.submissions(api, formId!, signal), { enabled: !!formId });
}

/** Staff: sends a form to a patient; the patient's forms (now with it `requested`) and communications are read again. */
export function useSendForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ formId, patientId, appointmentId }: { formId: string; patientId: string; appointmentId?: string }) =>
      formsApi.send(api, formId, { patientId, ...(appointmentId ? { appointmentId } : {}) }),
    onSuccess: (_sent, { patientId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.forms(patientId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.communications(patientId) });
    },
  });
}

/** Submits answers; the patient's forms and anything showing missing forms (appointments, calendar) are read again. */
export function useSubmitForm() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ formId, body }: { formId: string; body: SubmitForm }) => formsApi.submit(api, formId, body),
    onSuccess: (_submission, { body }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.forms(body.patientId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.appointments(body.patientId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myAppointments });
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    },
  });
}
