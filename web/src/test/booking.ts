import type { Appointment, BookingLocation, BookingService } from '../api/booking';

export const NY: BookingLocation = {
  id: 'loc1',
  name: 'Midtown',
  timeZone: 'America/New_York',
  address: { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
  phone: '+1 212 555 0100',
};

export const botox: BookingService = {
  id: 'svc-botox',
  name: 'Botox',
  category: 'Injectables',
  description: 'Frown lines',
  durationMinutes: 30,
  price: { amount: 35000, currency: 'USD' },
  deposit: { kind: 'fixed', amount: { amount: 5000, currency: 'USD' } },
  depositAmount: { amount: 5000, currency: 'USD' },
  requiresConsultation: false,
};

export const facial: BookingService = {
  id: 'svc-facial',
  name: 'HydraFacial',
  category: 'Facials',
  description: 'Deep cleanse',
  durationMinutes: 60,
  price: { amount: 19900, currency: 'USD' },
  deposit: { kind: 'none' },
  depositAmount: null,
  requiresConsultation: false,
};

export const policies = {
  windowDays: 60,
  minimumNoticeMinutes: 120,
  slotStepMinutes: 15,
  cancellationNoticeHours: 24,
  approvalRequiredForNewPatients: false,
  maxFutureBookingsPerPatient: 5,
  depositHoldMinutes: 10,
  staffMayDoubleBook: false,
  clockFormat: '12h' as const,
  noShowFee: 0,
  lateCancellationFee: 0,
  cancellationPolicy: '',
  feePolicyVersion: null,
  reminderHoursBefore: [48, 2],
  afterCareMessage: true,
  reviewRequestAfterDays: 3,
  calendarFeedShowsPatientNames: false,
};

export function appointment(overrides: Partial<Appointment> = {}): Appointment {
  return {
    id: 'a1',
    patientId: 'patient-1',
    patientName: 'Pat Patient',
    practitionerId: 'p1',
    practitionerName: 'Ivy Injector',
    serviceId: botox.id,
    serviceName: 'Botox',
    locationId: NY.id,
    locationName: NY.name,
    startTime: '2026-11-24T13:00:00-05:00',
    endTime: '2026-11-24T13:30:00-05:00',
    duration: 30,
    status: 'scheduled',
    roomId: null,
    equipmentIds: [],
    bookingSource: 'online',
    notes: null,
    lateCancellation: false,
    checkInCode: 'K7Q2MX',
    holdExpiresAt: null,
    depositAmount: null,
    createdAt: '2026-11-23T15:00:00Z',
    modifiedAt: '2026-11-23T15:00:00Z',
    etag: '"e1"',
    ...overrides,
  };
}
