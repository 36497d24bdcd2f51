import type { Chart, ChartTemplate } from '../api/charts';

/** The built-in neurotoxin template as the API lists it. */
export const neurotoxinTemplate: ChartTemplate = {
  id: 'template-neurotoxin',
  name: 'Neurotoxin',
  treatment: 'neurotoxin',
  diagram: 'face',
  builtIn: true,
  lotRequired: true,
  fields: [
    { id: 'allergies', label: 'Allergies', type: 'text', smart: 'allergies' },
    { id: 'concerns', label: 'Concerns', type: 'long-text', quickPhrases: ['Forehead lines', 'Glabellar lines'] },
    { id: 'dilution', label: 'Dilution', type: 'choice', options: ['2.5 ml per 100 units', '1 ml per 100 units'], default: '2.5 ml per 100 units' },
    { id: 'afterCare', label: 'After-care given', type: 'long-text' },
  ],
};

/** A draft chart of a Xeomin visit, as the API answers it. */
export function draftChart(overrides: Partial<Chart> = {}): Chart {
  return {
    id: 'chart-1',
    patientId: 'p1',
    appointmentId: 'appt-1',
    practitionerId: 'staff-injector',
    practitionerName: 'Isabel Injector',
    serviceName: 'Xeomin',
    visitStart: '2026-12-01T10:00:00-05:00',
    templateId: 'template-neurotoxin',
    templateName: 'Neurotoxin',
    treatment: 'neurotoxin',
    diagram: 'face',
    fields: { allergies: 'Lidocaine', concerns: '', dilution: '2.5 ml per 100 units', afterCare: '' },
    map: { points: [], zones: [] },
    productTotals: [],
    areaTotals: [],
    internalNotes: null,
    afterCare: null,
    status: 'draft',
    signature: null,
    lockedAt: null,
    lockedBy: null,
    amendments: [],
    sharedAt: null,
    createdAt: '2026-12-01T15:00:00Z',
    updatedAt: '2026-12-01T15:00:00Z',
    etag: '"c1"',
    ...overrides,
  };
}
