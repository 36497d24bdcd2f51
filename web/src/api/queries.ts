import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './errors';

/**
 * Every query key of the app, in one place, so a write can invalidate exactly what it changed.
 * Keys start with the area they read: `resource` (the staff's reference data at /api/<resource>), `booking`,
 * `calendar`, `patients`, `forms`, `settings`, `audit`. A prefix invalidates everything below it: `queryKeys.resource('services')`
 * covers that resource's lists, items and lookups.
 */
export const queryKeys = {
  /** Everything about one resource (`services`, `staff`, …). */
  resource: (resource: string) => ['resource', resource] as const,
  /** All live items of a resource, for selects and name look-ups. */
  lookup: (resource: string) => ['resource', resource, 'lookup'] as const,
  /** The searchable, paged list of a resource. */
  list: (resource: string, query: { q: string; includeDeleted: boolean }) => ['resource', resource, 'list', query] as const,
  /** One item of a resource, as the edit page reads it (with its etag). */
  item: (resource: string, id: string) => ['resource', resource, 'item', id] as const,

  memberships: {
    plans: ['memberships', 'plans'] as const,
    ofPatient: (patientId: string) => ['memberships', 'patient', patientId] as const,
  },

  booking: {
    all: ['booking'] as const,
    locations: ['booking', 'locations'] as const,
    services: (locationId: string) => ['booking', 'services', locationId] as const,
    practitioners: (serviceId: string, locationId: string) => ['booking', 'practitioners', serviceId, locationId] as const,
    /** Free times; a prefix of every availability query, which a booking or a move invalidates. */
    availability: ['booking', 'availability'] as const,
    availabilityFor: (q: { serviceId: string; locationId: string; from: string; to: string; practitionerId?: string }) =>
      ['booking', 'availability', q] as const,
    /** The clinic's booking policies (the clock format among them), as anyone reads them. */
    policies: ['booking', 'policies'] as const,
    appointment: (id: string) => ['booking', 'appointment', id] as const,
    myAppointments: ['booking', 'my-appointments'] as const,
    /** The patient's waitlist entries, and one offer of a freed time. */
    myWaitlist: ['booking', 'my-waitlist'] as const,
    waitlistAt: (locationId: string) => ['booking', 'waitlist', locationId] as const,
    waitlistOffer: (offerId: string) => ['booking', 'waitlist-offer', offerId] as const,
  },

  calendar: (q: { locationId: string; date: string; days: number }) => ['calendar', q] as const,
  /** Every calendar query (a pushed change reads them all again). */
  calendarPrefix: ['calendar'] as const,
  /** Patients found by the desk's search (a name or an email). */
  patientSearch: (q: string) => ['patients', 'search', q] as const,
  patients: {
    /** Everything read about patients (searches, lists, records, appointments): a prefix a write can invalidate. */
    all: ['patients'] as const,
    /** Every page of the patient list, whatever its filters. */
    lists: ['patients', 'list'] as const,
    list: (q: { q: string; status: string; includeArchived: boolean; lastVisitFrom?: string; lastVisitTo?: string }) => ['patients', 'list', q] as const,
    /** One patient's record with its etag, as the card reads it. */
    record: (id: string) => ['patients', 'record', id] as const,
    /** One patient's upcoming, past and cancelled appointments. */
    appointments: (id: string) => ['patients', 'appointments', id] as const,
    /** One patient's communication log. */
    communications: (id: string) => ['patients', 'communications', id] as const,
    /** One patient's linked family members. */
    family: (id: string) => ['patients', 'family', id] as const,
    /** Who read or changed one patient's record. */
    accessLog: (id: string) => ['patients', 'access-log', id] as const,
    /** One patient's profile photo (by the photo's id: a new photo is a new key). */
    photo: (id: string, photoId: string) => ['patients', 'photo', id, photoId] as const,
    /** One patient's outstanding and completed forms. */
    forms: (id: string) => ['patients', 'forms', id] as const,
    /** One submission of a patient's, with its answers. */
    submission: (id: string, submissionId: string) => ['patients', 'forms', id, submissionId] as const,
  },
  /** Intake forms and consents: the list, working copies, published versions, submissions. */
  forms: {
    all: ['forms'] as const,
    list: (kind: string) => ['forms', 'list', kind] as const,
    item: (id: string) => ['forms', 'item', id] as const,
    version: (id: string, version: number | 'latest') => ['forms', 'version', id, version] as const,
    submissions: (id: string) => ['forms', 'submissions', id] as const,
  },
  /** Charting: the templates, a patient's charts, one chart (with its etag). */
  charts: {
    all: ['charts'] as const,
    templates: ['charts', 'templates'] as const,
    template: (id: string) => ['charts', 'templates', id] as const,
    ofPatient: (patientId: string) => ['charts', 'patient', patientId] as const,
    item: (id: string) => ['charts', 'item', id] as const,
    toSign: ['charts', 'to-sign'] as const,
    byLot: (lot: string) => ['charts', 'lot', lot] as const,
  },
  /** Clinical photos: a patient's (for a chart and a before and after), and an image the API serves itself. */
  photos: {
    all: ['photos'] as const,
    ofPatient: (patientId: string) => ['photos', 'patient', patientId] as const,
    image: (url: string) => ['photos', 'image', url] as const,
  },
  /** The policies with the version an admin's save must name. */
  settings: ['settings', 'booking-policies'] as const,
  /** Who sees what in a patient's record (the clinic's choice), with its version. */
  recordPrivacy: ['settings', 'record-privacy'] as const,
  /** The clinic's own words for its messages, with their version; and the kinds of message with MedSpa's words. */
  messageTemplates: ['settings', 'message-templates'] as const,
  messageCatalog: ['message-catalog'] as const,
  /** The charting deadline, with its version. */
  chartingSettings: ['settings', 'charting'] as const,
  audit: ['audit'] as const,
  /** The desk's inbox of patients' texts. */
  inbox: ['messages', 'inbox'] as const,
  /** Whether a practitioner has a private calendar link. */
  calendarFeed: (practitionerId: string) => ['calendar-feed', practitionerId] as const,
  /** A practitioner's connected Google and Microsoft 365 calendars. */
  calendarConnections: (practitionerId: string) => ['calendar-connections', practitionerId] as const,
  /** A QR code drawn for a value (not from the API: drawing it is asynchronous, and done once). */
  qrCode: (value: string) => ['qr-code', value] as const,
};

/** A failed read is tried once more only when the server or the network failed (never for a 4xx answer). */
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 1) return false;
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/**
 * The app's query client. Pages read fresh data when they open (as before: no refetch on window focus), a failed
 * read is retried once if it was the network's or the server's fault, and writes go through mutations that
 * invalidate the keys above. Tests pass `{ retry: false }`.
 */
export function createQueryClient(options: { retry?: false } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: options.retry ?? retryTransient,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
