import { screen } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import type { RecordedRequest } from './utils';
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

/** Retypes the phone number on a patient profile form, which opens with the fixtures' number. */
export async function retypePhone(user: ReturnType<typeof userEvent.setup>, to: string) {
  const phone = screen.getByRole('textbox', { name: 'Phone' });
  expect(phone).toHaveValue('+1 (212) 555-0147');
  await user.clear(phone);
  await user.type(phone, to);
}

/** The PUT a save sent, checked to carry the version the form was read at. */
export function savedWithIfMatch(requests: RecordedRequest[], etag = '"v1"'): RecordedRequest {
  const put = requests.find((r) => r.method === 'PUT');
  expect(put?.headers.get('If-Match')).toBe(etag);
  return put as RecordedRequest;
}
