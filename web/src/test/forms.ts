import type { FormContent, FormField } from '../api/forms';

/** The dermal filler consent the form tests build, publish and sign: all of it but its sections. */
export const fillerConsent: Omit<FormContent, 'sections'> = {
  name: 'Dermal filler consent',
  description: null,
  kind: 'consent',
  legalText: 'I understand that fillers can bruise.',
  expirationMonths: 12,
};

/** The medical history (an intake form that never expires): all of it but its sections. */
export const medicalHistory: Omit<FormContent, 'sections'> = {
  name: 'Medical history',
  description: null,
  kind: 'intake',
  legalText: null,
  expirationMonths: null,
};

/** The medical history's first questions: a choice, and a question shown only for one of its answers. */
export const sexAtBirthField: FormField = {
  id: 'sexAtBirth',
  type: 'choice',
  label: 'Sex assigned at birth',
  required: true,
  options: ['Female', 'Male', 'Intersex'],
  help: null,
  visibleIf: null,
};
export const pregnantField: FormField = {
  id: 'pregnant',
  type: 'yesNo',
  label: 'Are you pregnant or breastfeeding?',
  required: true,
  options: [],
  help: null,
  visibleIf: { fieldId: 'sexAtBirth', equals: 'Female' },
};

/** A required signature, as consents end. */
export const signatureField: FormField = { id: 'signature', type: 'signature', label: 'Signature', required: true, options: [], help: null, visibleIf: null };
