import type { PatientRecord } from '../api/patients';

/** A patient's record as an admin or a practitioner reads it: clinical lists and filing fields included. */
export function fullRecord(overrides: Partial<PatientRecord> = {}): PatientRecord {
  return {
    id: 'p1',
    firstName: 'Jonathan',
    lastName: 'Smith',
    displayName: 'Jon Smith',
    preferredName: 'Jon',
    pronouns: 'he/him',
    dateOfBirth: '1985-04-23',
    email: 'jon@example.com',
    phone: '+12125550147',
    alternatePhone: null,
    address: null,
    communicationPreferences: { emailReminders: true, smsReminders: true, marketingEmails: false },
    archived: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    etag: '"v1"',
    medicalAlerts: ['Pacemaker'],
    allergies: ['Lidocaine — hives'],
    medications: [],
    status: 'active',
    profileType: 'patient',
    tags: ['VIP'],
    ...overrides,
  };
}

/** The same record as the desk reads it: the API leaves the clinical lists out. */
export function deskRecord(overrides: Partial<PatientRecord> = {}): PatientRecord {
  const { medicalAlerts: _a, allergies: _b, medications: _c, ...rest } = fullRecord(overrides);
  return rest;
}
