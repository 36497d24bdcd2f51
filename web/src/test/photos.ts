import type { ClinicalPhoto } from '../api/photos';

/** A clinical photo as the API lists it; its links are storage's (shown as they are) unless given the API's route. */
export function clinicalPhoto(overrides: Partial<ClinicalPhoto> = {}): ClinicalPhoto {
  const id = overrides.id ?? 'photo-1';
  return {
    id,
    patientId: 'p1',
    chartId: 'chart-1',
    appointmentId: 'appt-1',
    angle: 'front',
    visitStart: '2026-12-01T10:00:00-05:00',
    uploadedAt: '2026-12-01T15:20:00Z',
    takenBy: 'Isabel Injector',
    width: 1920,
    height: 2560,
    consent: 'record-only',
    url: `https://store.example/files/${id}.jpg?sig=x`,
    thumbnailUrl: `https://store.example/files/${id}-thumbnail.jpg?sig=x`,
    linksExpireAt: '2026-12-01T15:30:00Z',
    ...overrides,
  };
}
