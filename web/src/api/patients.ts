import type { Appointment, PatientSummary } from './booking';
import { withEtag, type ApiClient } from './client';
import type { Page } from './types';

/** Patient records: types and calls for /api/patients (the list, quick create, one record, its appointments). */

export const PATIENT_STATUSES = ['active', 'inactive', 'discharged', 'deceased'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

/** Each word of a fixed list as people read it: the word, capitalised. */
const labelsOf = <T extends string>(words: readonly T[]) =>
  Object.fromEntries(words.map((w) => [w, w[0].toUpperCase() + w.slice(1)])) as Record<T, string>;

export const PATIENT_STATUS_LABELS = labelsOf(PATIENT_STATUSES);

export function patientStatusLabel(status: string | undefined): string {
  return PATIENT_STATUS_LABELS[status as PatientStatus] ?? status ?? '';
}

export type ProfileType = 'patient' | 'contact';

/** A row of the patient list. */
export interface PatientListItem {
  id: string;
  firstName: string;
  lastName: string;
  preferredName?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  status: PatientStatus;
  archived: boolean;
  /** The day of the last completed visit; absent before the first. */
  lastVisitOn?: string | null;
}

export interface PatientAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface PrivacyPreferences {
  voicemailOk: boolean;
  discussWithFamily: boolean;
  firstNameOnlyInPublic: boolean;
}

export interface CommunicationPreferences {
  emailReminders: boolean;
  smsReminders: boolean;
  marketingEmails: boolean;
  /** The language messages are written in (a tag such as es) when the clinic writes in it; null: the clinic's first. */
  language?: string | null;
}

/** Languages a patient may read messages in, commonest in clinics first; named in English by the browser. */
const MESSAGE_LANGUAGES = ['en', 'es', 'fr', 'pt', 'zh', 'vi', 'ko', 'tl', 'ru', 'ar', 'fa', 'hi', 'ja', 'de', 'it', 'pl', 'he'];
const languageNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'language' }) : null;
export const messageLanguageOptions = MESSAGE_LANGUAGES.map((tag) => ({ value: tag, label: languageNames?.of(tag) ?? tag }));

/**
 * One patient's record as the API shows it to the caller. The clinical lists (alerts, allergies, medications) are
 * there only for those who may see them (never the desk); status, profile type and tags only for staff.
 */
/** The clinic's record privacy settings (GET/PUT /api/clinic/privacy; admins change them). */
export interface RecordPrivacy {
  /** The front desk reads clinical fields and medical forms (never changes them). */
  deskSeesClinicalFields: boolean;
}

export interface PatientRecord {
  id: string;
  firstName: string;
  lastName: string;
  displayName: string;
  preferredName?: string | null;
  pronouns?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  /** E.164, e.g. +12125550147. */
  phone?: string | null;
  /** The patient replied STOP to the clinic's texts: none reaches them until they reply START. */
  smsOptedOut?: boolean;
  alternatePhone?: string | null;
  address?: PatientAddress | null;
  communicationPreferences: CommunicationPreferences;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  etag: string;
  medicalAlerts?: string[] | null;
  allergies?: string[] | null;
  medications?: string[] | null;
  status?: PatientStatus | null;
  profileType?: ProfileType | null;
  tags?: string[] | null;
  /** What staff may do with what they know about the patient; the patient's to set. */
  privacyPreferences?: PrivacyPreferences;
  /** The day of the last completed visit ('yyyy-MM-dd' at the location); absent before the first. */
  lastVisitOn?: string | null;
  /** The current profile photo (served by GET …/photo); changes with each new photo. */
  photoId?: string | null;
  /** Set on a duplicate merged into another record (its reads lead there: the card shows the survivor). */
  mergedInto?: string | null;
  /** Staff only: the duplicates merged into this record, newest last (each merge can be undone for 30 days). */
  mergedFrom?: MergeNote[] | null;
}

/** A duplicate merged into a record: who it was, and the merge to name when undoing it. */
export interface MergeNote {
  patientId: string;
  name: string;
  mergeId: string;
  at: string;
}

/** The fields the desk chooses between in a merge; the lists and family are joined instead. */
export const MERGE_FIELDS = [
  { name: 'firstName', label: 'First name' },
  { name: 'lastName', label: 'Last name' },
  { name: 'preferredName', label: 'Preferred name' },
  { name: 'pronouns', label: 'Pronouns' },
  { name: 'dateOfBirth', label: 'Date of birth' },
  { name: 'email', label: 'Email' },
  { name: 'phone', label: 'Phone' },
  { name: 'alternatePhone', label: 'Alternate phone' },
  { name: 'address', label: 'Address' },
  { name: 'status', label: 'Status' },
  { name: 'communicationPreferences', label: 'Communication preferences' },
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number]['name'];
export type MergeSide = 'survivor' | 'duplicate';

/** A merge done: the survivor as it is now, the merge's id (to undo it), until when it can be undone, how many documents moved. */
export interface MergeOutcome {
  patient: PatientRecord;
  mergeId: string;
  undoUntil: string;
  moved: number;
}

/** A merge can be undone for 30 days after it was made. */
export const MERGE_UNDO_DAYS = 30;

/** The body of a save: the whole profile. A part the caller is not shown is left out and stays as stored. */
export interface PatientProfile {
  firstName: string;
  lastName: string;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  alternatePhone: string | null;
  address: PatientAddress | null;
  communicationPreferences: CommunicationPreferences;
  privacyPreferences?: PrivacyPreferences;
  status?: PatientStatus;
  profileType?: ProfileType;
  medicalAlerts?: string[];
  allergies?: string[];
  medications?: string[];
  tags?: string[];
}

/** A patient's appointments as the card shows them, with the counts the desk watches. */
export interface PatientAppointments {
  upcoming: Appointment[];
  past: Appointment[];
  cancelled: Appointment[];
  noShows: number;
  lateCancellations: number;
}

export interface NewPatient {
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  dateOfBirth?: string;
}

export interface PatientListQuery {
  q: string;
  status: PatientStatus | '';
  includeArchived: boolean;
  /** Last visit on or after / on or before these days ('yyyy-MM-dd'). */
  lastVisitFrom?: string;
  lastVisitTo?: string;
}

/** The list's "Last visit" filter: recent patients, or those not seen for a while (to invite back). */
export const LAST_VISIT_FILTERS = [
  { value: 'within90', label: 'In the last 90 days', days: 90, lapsed: false },
  { value: 'over180', label: 'More than 6 months ago', days: 180, lapsed: true },
  { value: 'over365', label: 'More than a year ago', days: 365, lapsed: true },
] as const;

/** The API's last-visit bounds for a filter, counted back from <today> ('yyyy-MM-dd'). */
export function lastVisitBounds(filter: string, today: string): Pick<PatientListQuery, 'lastVisitFrom' | 'lastVisitTo'> {
  const f = LAST_VISIT_FILTERS.find((x) => x.value === filter);
  if (!f) return {};
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - f.days);
  const bound = day.toISOString().slice(0, 10);
  return f.lapsed ? { lastVisitTo: bound } : { lastVisitFrom: bound };
}

/** Whether the caller is shown the clinical lists of this record (the API leaves them out otherwise). */
export function showsClinical(record: PatientRecord): boolean {
  return Array.isArray(record.allergies);
}

/** Whether the caller is shown how the clinic files the patient (status, profile type, tags). */
export function showsFiling(record: PatientRecord): boolean {
  return !!record.status;
}

const enc = encodeURIComponent;

export const patientsApi = {
  list: (api: ApiClient, q: PatientListQuery & { pageSize: number; continuationToken: string | null }, signal?: AbortSignal) =>
    api
      .get<Page<PatientListItem>>('/api/patients', {
        query: {
          q: q.q.trim(),
          status: q.status,
          lastVisitFrom: q.lastVisitFrom,
          lastVisitTo: q.lastVisitTo,
          includeArchived: q.includeArchived ? 'true' : undefined,
          pageSize: q.pageSize,
          continuationToken: q.continuationToken,
        },
        signal,
      })
      .then((page) => ({ items: page?.items ?? [], continuationToken: page?.continuationToken ?? null })),

  /** 201: created; 200: the patient already on file with that email, phone, or name and date of birth. */
  create: async (api: ApiClient, body: NewPatient): Promise<{ patient: PatientSummary; existing: boolean }> => {
    const { data, response } = await api.request<PatientSummary>('/api/patients', { method: 'POST', body });
    return { patient: data, existing: response.status === 200 };
  },

  get: (api: ApiClient, id: string, signal?: AbortSignal) => api.requestWithEtag<PatientRecord>(`/api/patients/${enc(id)}`, { signal }),

  /** PUT the whole profile with If-Match: the version read. 412 means someone else saved first. */
  update: (api: ApiClient, record: PatientRecord, profile: PatientProfile) =>
    api.requestWithEtag<PatientRecord>(`/api/patients/${enc(record.id)}`, { method: 'PUT', body: profile, ifMatch: record.etag }),

  /** Admins only: the record is archived (hidden from the list), never deleted. */
  archive: (api: ApiClient, record: PatientRecord) =>
    api.request<void>(`/api/patients/${enc(record.id)}`, { method: 'DELETE', ifMatch: record.etag }).then(() => undefined),

  restore: (api: ApiClient, record: PatientRecord) =>
    api.requestWithEtag<PatientRecord>(`/api/patients/${enc(record.id)}/restore`, { method: 'POST', ifMatch: record.etag }),

  /** Merges `duplicateId` into `survivor`: each field keeps the side chosen (one not named keeps the survivor's). */
  merge: async (api: ApiClient, survivorId: string, body: { duplicateId: string; fields: Partial<Record<MergeField, MergeSide>> }): Promise<MergeOutcome> => {
    const { data, response } = await api.request<MergeOutcome>(`/api/patients/${enc(survivorId)}/merge`, { method: 'POST', body });
    return { ...data, patient: withEtag(data.patient, response) };
  },

  /** Undoes a merge: the survivor as it was, the duplicate back with its documents. 409 (with the reason) when it cannot be. */
  unmerge: (api: ApiClient, survivorId: string, mergeId: string) =>
    api.requestWithEtag<PatientRecord>(`/api/patients/${enc(survivorId)}/unmerge`, { method: 'POST', body: { mergeId } }),

  /** Lets the patient sign in to the portal with the email on their record (idempotent: says when they already could). */
  giveOnlineAccess: async (api: ApiClient, id: string): Promise<{ email: string; alreadyHad: boolean }> =>
    (await api.request<{ email: string; alreadyHad: boolean }>(`/api/patients/${enc(id)}/online-access`, { method: 'POST' })).data,

  /** The profile photo as an image. */
  photo: (api: ApiClient, id: string, signal?: AbortSignal) => api.get<Blob>(`/api/patients/${enc(id)}/photo`, { signal }),

  /** A new photo (PNG, JPEG or WebP, at most 2 MB): the record back, naming it. */
  setPhoto: (api: ApiClient, id: string, image: Blob) => api.requestWithEtag<PatientRecord>(`/api/patients/${enc(id)}/photo`, { method: 'PUT', body: image }),

  removePhoto: (api: ApiClient, id: string) => api.requestWithEtag<PatientRecord>(`/api/patients/${enc(id)}/photo`, { method: 'DELETE' }),

  /** Everything the clinic holds about the patient, as the JSON the API writes (the patient's own, or an admin's). */
  exportRecord: (api: ApiClient, id: string) => api.get<unknown>(`/api/patients/${enc(id)}/export`),

  appointments: (api: ApiClient, id: string, signal?: AbortSignal) =>
    api.get<PatientAppointments>(`/api/patients/${enc(id)}/appointments`, { signal }).then((r) => ({
      upcoming: r?.upcoming ?? [],
      past: r?.past ?? [],
      cancelled: r?.cancelled ?? [],
      noShows: r?.noShows ?? 0,
      lateCancellations: r?.lateCancellations ?? 0,
    })),
};

/** "+1 (212) 555-0147" for a North American number; any other number as stored. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  return m ? `+1 (${m[1]}) ${m[2]}-${m[3]}` : phone;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "23 Apr 1985" for a 'yyyy-MM-dd' date (a calendar date: no time zone applies). */
export function birthDateLabel(ymd: string | null | undefined): string {
  const m = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!m) return ymd ?? '';
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** Whole years from a birth date to a day ('yyyy-MM-dd' both); null when either is not a date. */
export function ageOn(birth: string | null | undefined, today: string): number | null {
  const b = birth ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(birth) : null;
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (t[2] + t[3] < b[2] + b[3]) age -= 1;
  return age;
}

export const CHANNELS = ['email', 'sms', 'phone', 'inPerson', 'note'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { email: 'Email', sms: 'Text message', phone: 'Phone call', inPerson: 'In person', note: 'Note' };
export const DIRECTIONS = ['outbound', 'inbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = { outbound: 'To the patient', inbound: 'From the patient' };

/** One entry of a patient's communication log: sent by the clinic or logged by staff, never changed. */
export interface CommunicationEntry {
  id: string;
  at: string;
  channel: Channel;
  direction: Direction;
  subject: string;
  body: string | null;
  /** A name; "MedSpa" for what the system sent. */
  by: string;
  byRole: string | null;
}

export interface NewCommunication {
  channel: Channel;
  direction: Direction;
  subject: string;
  body?: string;
}

export const RELATIONSHIPS = ['parent', 'guardian', 'child', 'spouse', 'sibling', 'other'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS = labelsOf(RELATIONSHIPS);

/** A family member linked to the record: what they are to this patient. */
export interface FamilyMember {
  patientId: string;
  name: string;
  relationship: Relationship;
  primaryContact: boolean;
}

export interface NewRelationship {
  relatedPatientId: string;
  relationship: Relationship;
  primaryContact?: boolean;
}

/** Who read or changed a record: staff by name and role, the patient's own reads as "You". */
export interface AccessLogEntry {
  at: string;
  who: string;
  role: string;
  what: string;
  refused: boolean;
}

export const patientLogApi = {
  communications: (api: ApiClient, id: string, signal?: AbortSignal) =>
    api.get<{ items: CommunicationEntry[] }>(`/api/patients/${enc(id)}/communications`, { signal }).then((r) => r?.items ?? []),
  logCommunication: (api: ApiClient, id: string, body: NewCommunication) =>
    api.request<CommunicationEntry>(`/api/patients/${enc(id)}/communications`, { method: 'POST', body }).then((r) => r.data),
  relationships: (api: ApiClient, id: string, signal?: AbortSignal) =>
    api.get<{ items: FamilyMember[] }>(`/api/patients/${enc(id)}/relationships`, { signal }).then((r) => r?.items ?? []),
  addRelationship: (api: ApiClient, id: string, body: NewRelationship) =>
    api
      .request<{ items: FamilyMember[] }>(`/api/patients/${enc(id)}/relationships`, { method: 'POST', body })
      .then((r) => r.data?.items ?? []),
  accessLog: (api: ApiClient, id: string, continuationToken: string | null, signal?: AbortSignal) =>
    api
      .get<Page<AccessLogEntry>>(`/api/patients/${enc(id)}/access-log`, { query: { continuationToken }, signal })
      .then((page) => ({ items: page?.items ?? [], continuationToken: page?.continuationToken ?? null })),
};
