import type { ApiClient } from './client';
import type { MissingForm } from './forms';
import type { Money } from './money';
import type { PaymentCheckout } from './payments';
import type { DepositKind } from './types';

/** Online booking and the staff calendar: types and calls for /api/booking/* and /api/appointments/*. */

export interface BookingLocation {
  id: string;
  name: string;
  timeZone: string;
  address?: { line1?: string; city?: string; region?: string; postalCode?: string; country?: string };
  phone?: string;
}

export interface BookingService {
  id: string;
  name: string;
  category: string;
  description?: string;
  durationMinutes: number;
  price: Money;
  deposit: { kind: DepositKind; amount?: Money; percent?: number };
  /** What will actually be charged as a deposit; null when none. */
  depositAmount: Money | null;
  requiresConsultation?: boolean;
}

export interface BookingPractitioner {
  id: string;
  displayName: string;
  bio?: string;
  photoUrl?: string;
}

export interface Slot {
  startTime: string;
  endTime: string;
  practitionerIds: string[];
}

export interface Availability {
  timeZone: string;
  slots: Slot[];
}

export interface BookingPolicies {
  windowDays: number;
  minimumNoticeMinutes: number;
  slotStepMinutes: number;
  cancellationNoticeHours: number;
  approvalRequiredForNewPatients: boolean;
  maxFutureBookingsPerPatient: number;
  depositHoldMinutes: number;
  staffMayDoubleBook: boolean;
  /** How the clinic writes times everywhere. */
  clockFormat: '12h' | '24h';
  /** Reminders before a visit, in hours before it (empty: none). */
  reminderHoursBefore?: number[];
  /** The morning after a completed visit, an after-care message. */
  afterCareMessage?: boolean;
  /** Days after a completed visit the patient is asked how it went (0: never). */
  reviewRequestAfterDays?: number;
  /** Practitioners' calendar links name the patient and treatment (otherwise each visit reads "Booked"). */
  calendarFeedShowsPatientNames?: boolean;
  /** Charged to the card on file (minor units; 0: none). */
  noShowFee?: number;
  lateCancellationFee?: number;
  /** The words patients accept when they book online while either fee is charged. */
  cancellationPolicy?: string;
  /** What a patient booking online accepts (sent back as acceptedPolicyVersion); null when no fee is charged. */
  feePolicyVersion?: string | null;
}

export const APPOINTMENT_STATUSES = [
  'pending-deposit',
  'pending-approval',
  'scheduled',
  'confirmed',
  'arrived',
  'completed',
  'cancelled',
  'no-show',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const STATUS_LABELS: Record<AppointmentStatus, string> = {
  'pending-deposit': 'Awaiting deposit',
  'pending-approval': 'Awaiting approval',
  scheduled: 'Scheduled',
  confirmed: 'Confirmed',
  arrived: 'Arrived',
  completed: 'Completed',
  cancelled: 'Cancelled',
  'no-show': 'No-show',
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as AppointmentStatus] ?? status;
}

export type BookingSource = 'online' | 'phone' | 'walk-in' | 'admin';

export interface AppointmentHistoryEntry {
  at?: string;
  status?: string;
  reason?: string;
  message?: string;
  note?: string;
  detail?: string;
}

export interface Appointment {
  id: string;
  patientId: string;
  patientName: string;
  practitionerId: string;
  practitionerName: string;
  serviceId: string;
  serviceName: string;
  locationId: string;
  locationName: string;
  startTime: string;
  endTime: string;
  duration?: number;
  status: AppointmentStatus;
  roomId?: string | null;
  equipmentIds?: string[];
  bookingSource?: string;
  notes?: string | null;
  lateCancellation?: boolean;
  checkInCode?: string;
  holdExpiresAt?: string | null;
  depositAmount?: Money | null;
  cancellationReason?: string | null;
  history?: AppointmentHistoryEntry[];
  /** What the signed-in person may do to it now, decided by the API: status names, plus 'reschedule'. */
  allowedActions?: string[];
  /**
   * The forms its service requires that the patient has no valid submission for on the day of the visit (empty when
   * nothing is missing; absent from an older answer, which is read as nothing missing).
   */
  missingForms?: MissingForm[];
  createdAt?: string;
  modifiedAt?: string;
  etag: string;
}

/** The forms an appointment still needs, from the appointment or from a refused completion's problem. */
export function missingFormsOf(source: { missingForms?: unknown } | null | undefined): MissingForm[] {
  const list = source?.missingForms;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (f): f is MissingForm => !!f && typeof f === 'object' && typeof (f as MissingForm).formId === 'string',
  );
}

export interface MyAppointments {
  upcoming: Appointment[];
  past: Appointment[];
  cancelled: Appointment[];
}

export interface CalendarData {
  timeZone: string;
  date: string;
  days: number;
  practitioners: { id: string; displayName: string }[];
  rooms: { id: string; name: string; type?: string }[];
  appointments: Appointment[];
  /** Colleagues' appointments a practitioner may not see: who is busy and when, never the patient. */
  busy: BusyBlock[];
  /** Per shown day: opening hours and each practitioner's working hours (times with the location's offset). */
  hours: CalendarDayHours[];
}

export interface TimeRange {
  startTime: string;
  endTime: string;
}

export interface BusyBlock extends TimeRange {
  practitionerId: string;
  /** A colleague's appointment (no detail), or a busy time in the practitioner's own Google or Microsoft 365 calendar. */
  source?: 'appointment' | 'own-calendar';
}

export interface CalendarDayHours {
  date: string;
  /** A closure's reason on this date, or null. */
  closure: string | null;
  /** Opening hours within the day; empty when the location is closed. */
  open: TimeRange[];
  /** Working hours within the day, by practitioner id, after exceptions and time off. */
  working: Record<string, TimeRange[]>;
}

export interface PatientSummary {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
}

export interface NewBooking {
  serviceId: string;
  locationId: string;
  startTime: string;
  practitionerId?: string;
  notes?: string;
  patientId?: string;
  bookingSource?: 'phone' | 'walk-in' | 'admin';
  /** The clinic's fee policy the patient accepted (its version), when it charges fees. */
  acceptedPolicyVersion?: string;
}

const enc = encodeURIComponent;

export const bookingApi = {
  locations: (api: ApiClient, signal?: AbortSignal) =>
    api.get<{ items: BookingLocation[] }>('/api/booking/locations', { signal }).then((r) => r?.items ?? []),

  services: (api: ApiClient, locationId: string, signal?: AbortSignal) =>
    api
      .get<{ items: BookingService[] }>('/api/booking/services', { query: { locationId }, signal })
      .then((r) => r?.items ?? []),

  practitioners: (api: ApiClient, serviceId: string, locationId: string, signal?: AbortSignal) =>
    api
      .get<{ items: BookingPractitioner[] }>('/api/booking/practitioners', { query: { serviceId, locationId }, signal })
      .then((r) => r?.items ?? []),

  availability: (
    api: ApiClient,
    q: { serviceId: string; locationId: string; from: string; to: string; practitionerId?: string },
    signal?: AbortSignal,
  ) =>
    api
      .get<Availability>('/api/booking/availability', { query: { ...q }, signal })
      .then((r) => ({ timeZone: r?.timeZone ?? '', slots: r?.slots ?? [] })),

  policies: (api: ApiClient, signal?: AbortSignal) => api.get<BookingPolicies>('/api/booking/policies', { signal }),

  book: (api: ApiClient, body: NewBooking) =>
    api.requestWithEtag<Appointment>('/api/booking/appointments', { method: 'POST', body }),

  /** Opens (or reopens) the deposit's payment: what the page needs to pay it with Stripe directly. */
  openDeposit: (api: ApiClient, id: string) =>
    api.request<PaymentCheckout>(`/api/booking/appointments/${enc(id)}/deposit`, { method: 'POST' }).then((r) => r.data),

  appointment: (api: ApiClient, id: string, signal?: AbortSignal) =>
    api.requestWithEtag<Appointment>(`/api/booking/appointments/${enc(id)}`, { signal }),

  myAppointments: (api: ApiClient, signal?: AbortSignal) =>
    api.get<MyAppointments>('/api/booking/my-appointments', { signal }).then((r) => ({
      upcoming: r?.upcoming ?? [],
      past: r?.past ?? [],
      cancelled: r?.cancelled ?? [],
    })),

  reschedule: (api: ApiClient, appointment: Appointment, body: { startTime: string; practitionerId?: string; notes?: string }) =>
    api.requestWithEtag<Appointment>(`/api/booking/appointments/${enc(appointment.id)}`, {
      method: 'PUT',
      body,
      ifMatch: appointment.etag,
    }),

  /** Changes only the notes (no new time), with If-Match like any edit; empty notes clear them. */
  updateNotes: (api: ApiClient, appointment: Appointment, notes: string) =>
    api.requestWithEtag<Appointment>(`/api/booking/appointments/${enc(appointment.id)}`, {
      method: 'PUT',
      body: { notes: notes.trim() || null },
      ifMatch: appointment.etag,
    }),

  cancel: (api: ApiClient, id: string, reason?: string) =>
    api.requestWithEtag<Appointment>(`/api/booking/appointments/${enc(id)}`, {
      method: 'DELETE',
      query: { reason: reason?.trim() || undefined },
    }),
};

export const calendarApi = {
  day: (api: ApiClient, q: { locationId: string; date: string; days: 1 | 7 }, signal?: AbortSignal) =>
    api.get<CalendarData>('/api/appointments', { query: { ...q }, signal }).then((r) => ({
      timeZone: r?.timeZone ?? '',
      date: r?.date ?? q.date,
      days: r?.days ?? q.days,
      practitioners: r?.practitioners ?? [],
      rooms: r?.rooms ?? [],
      appointments: r?.appointments ?? [],
      busy: r?.busy ?? [],
      hours: r?.hours ?? [],
    })),

  /**
   * `reason`: why it was cancelled. `overrideReason`: why a visit is completed without a consent it requires (the API
   * refuses that completion 409, `missingForms` in the problem, unless the body carries one; the override is audited).
   */
  setStatus: (api: ApiClient, id: string, status: StaffStatusAction, reason?: string, overrideReason?: string) =>
    api.requestWithEtag<Appointment>(`/api/appointments/${enc(id)}/status`, {
      method: 'POST',
      body: { status, ...(reason ? { reason } : {}), ...(overrideReason ? { overrideReason } : {}) },
    }),

  checkIn: (api: ApiClient, code: string) =>
    api.requestWithEtag<Appointment>('/api/appointments/check-in', { method: 'POST', body: { code } }),

  searchPatients: (api: ApiClient, q: string, signal?: AbortSignal) =>
    api.get<{ items: PatientSummary[] }>('/api/patients', { query: { q }, signal }).then((r) => r?.items ?? []),

  createPatient: (api: ApiClient, body: { firstName: string; lastName: string; email?: string; phone?: string }) =>
    api.request<PatientSummary>('/api/patients', { method: 'POST', body }).then((r) => r.data),
};

export type StaffStatusAction = 'scheduled' | 'confirmed' | 'arrived' | 'completed' | 'no-show' | 'cancelled';
