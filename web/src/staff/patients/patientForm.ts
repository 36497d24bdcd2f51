import { z } from 'zod';
import { formatPhone, type PatientProfile, type PatientRecord, type PatientStatus, type ProfileType } from '../../api/patients';
import { todayIn } from '../../booking/time';
import { formSchema, type Rules } from '../resource/validation';

/**
 * The patient's Details form: the whole profile as typed, the server's rules over it (issues at the API's paths:
 * `address.city`, `allergies[0]`), and the save body built from it. The clinical lists and the filing fields are in
 * the form only when the record has them (the API leaves out what the caller is not shown), and the body then leaves
 * them out too, so they stay as stored.
 */

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^[0-9+()\-. ]{6,40}$/;
const BIRTH_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LIST_ENTRY_MAX = 200;
export const LIST_MAX = 50;

export function checkPhone(v: Rules, path: string, value: string) {
  if (value.trim() && !PHONE_PATTERN.test(value.trim())) v.add(path, 'Enter a phone number, like (212) 555-0147 or +44 20 7946 0958.');
}

export function checkBirthDate(v: Rules, path: string, value: string) {
  if (!value) return;
  if (!BIRTH_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) v.add(path, 'Use a date like 1985-04-23.');
  else if (value < '1900-01-01') v.add(path, 'A date of birth from 1900-01-01.');
  else if (value > todayIn()) v.add(path, 'A date of birth cannot be in the future.');
}

/** One entry of a list editor (react-hook-form keeps rows as objects). */
const entry = z.object({ value: z.string() });

export const LISTS = [
  { name: 'medicalAlerts', legend: 'Medical alerts', rowLabel: 'Medical alert', hint: 'Conditions every clinician must see first: pregnancy, a pacemaker, a bleeding disorder.', kind: 'clinical' },
  { name: 'allergies', legend: 'Allergies', rowLabel: 'Allergy', hint: 'One allergy per line, with the reaction if known: “Lidocaine — hives”.', kind: 'clinical' },
  { name: 'medications', legend: 'Medications', rowLabel: 'Medication', hint: 'Current medications and supplements.', kind: 'clinical' },
  { name: 'tags', legend: 'Tags', rowLabel: 'Tag', hint: 'How the clinic groups patients: VIP, referral source, membership.', kind: 'filing' },
] as const;

export type ListName = (typeof LISTS)[number]['name'];

export const patientSchema = formSchema(
  {
    firstName: z.string(),
    lastName: z.string(),
    preferredName: z.string(),
    pronouns: z.string(),
    dateOfBirth: z.string(),
    email: z.string(),
    phone: z.string(),
    alternatePhone: z.string(),
    address: z.object({
      line1: z.string(),
      line2: z.string(),
      city: z.string(),
      region: z.string(),
      postalCode: z.string(),
      country: z.string(),
    }),
    status: z.string(),
    profileType: z.string(),
    communicationPreferences: z.object({ emailReminders: z.boolean(), smsReminders: z.boolean(), marketingEmails: z.boolean(), language: z.string() }),
    privacyPreferences: z.object({ voicemailOk: z.boolean(), discussWithFamily: z.boolean(), firstNameOnlyInPublic: z.boolean() }),
    medicalAlerts: z.array(entry),
    allergies: z.array(entry),
    medications: z.array(entry),
    tags: z.array(entry),
  },
  (f, v) => {
    v.text('firstName', f.firstName, 'First name', { required: true, max: 100 });
    v.text('lastName', f.lastName, 'Last name', { required: true, max: 100 });
    v.maxLength('preferredName', f.preferredName, 100, 'Preferred name');
    v.maxLength('pronouns', f.pronouns, 40, 'Pronouns');
    checkBirthDate(v, 'dateOfBirth', f.dateOfBirth);
    if (f.email.trim() && !EMAIL_PATTERN.test(f.email.trim())) v.add('email', 'Enter a valid email address.');
    v.maxLength('email', f.email, 254, 'Email');
    checkPhone(v, 'phone', f.phone);
    checkPhone(v, 'alternatePhone', f.alternatePhone);
    const a = f.address;
    if (hasAddress(a)) {
      v.text('address.line1', a.line1, 'Address line 1', { required: true, max: 200 });
      v.maxLength('address.line2', a.line2, 200, 'Address line 2');
      v.text('address.city', a.city, 'City', { required: true, max: 120 });
      v.maxLength('address.region', a.region, 120, 'State or region');
      v.maxLength('address.postalCode', a.postalCode, 20, 'Postal code');
      if (!/^[A-Za-z]{2}$/.test(a.country.trim())) v.add('address.country', 'A two-letter country code like US.');
    }
    for (const list of LISTS) {
      const rows = f[list.name];
      if (rows.length > LIST_MAX) v.add(list.name, `At most ${LIST_MAX} entries.`);
      rows.forEach((row, i) => {
        if (!row.value.trim()) v.add(`${list.name}[${i}]`, `Enter the ${list.rowLabel.toLowerCase()}, or remove this line.`);
        else v.maxLength(`${list.name}[${i}]`, row.value, LIST_ENTRY_MAX, list.rowLabel);
      });
    }
  },
);

export type PatientForm = z.infer<typeof patientSchema>;

function hasAddress(a: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string }): boolean {
  return Object.values(a).some((s) => s.trim() !== '');
}

const rows = (list: string[] | null | undefined) => (list ?? []).map((value) => ({ value }));
const values = (list: { value: string }[]) => list.map((r) => r.value.trim());
const orNull = (s: string) => s.trim() || null;

export function toForm(r: PatientRecord): PatientForm {
  return {
    firstName: r.firstName ?? '',
    lastName: r.lastName ?? '',
    preferredName: r.preferredName ?? '',
    pronouns: r.pronouns ?? '',
    dateOfBirth: r.dateOfBirth ?? '',
    email: r.email ?? '',
    phone: formatPhone(r.phone),
    alternatePhone: formatPhone(r.alternatePhone),
    address: {
      line1: r.address?.line1 ?? '',
      line2: r.address?.line2 ?? '',
      city: r.address?.city ?? '',
      region: r.address?.region ?? '',
      postalCode: r.address?.postalCode ?? '',
      country: r.address?.country ?? '',
    },
    status: r.status ?? 'active',
    profileType: r.profileType ?? 'patient',
    communicationPreferences: {
      emailReminders: r.communicationPreferences?.emailReminders ?? true,
      smsReminders: r.communicationPreferences?.smsReminders ?? true,
      marketingEmails: r.communicationPreferences?.marketingEmails ?? false,
      language: r.communicationPreferences?.language ?? '',
    },
    privacyPreferences: {
      voicemailOk: r.privacyPreferences?.voicemailOk ?? true,
      discussWithFamily: r.privacyPreferences?.discussWithFamily ?? false,
      firstNameOnlyInPublic: r.privacyPreferences?.firstNameOnlyInPublic ?? false,
    },
    medicalAlerts: rows(r.medicalAlerts),
    allergies: rows(r.allergies),
    medications: rows(r.medications),
    tags: rows(r.tags),
  };
}

/** The save body: everything the form holds; what the record did not show the caller is left out (kept as stored). */
export function toProfile(f: PatientForm, r: PatientRecord): PatientProfile {
  const a = f.address;
  const profile: PatientProfile = {
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    preferredName: orNull(f.preferredName),
    pronouns: orNull(f.pronouns),
    dateOfBirth: f.dateOfBirth || null,
    email: orNull(f.email),
    phone: orNull(f.phone),
    alternatePhone: orNull(f.alternatePhone),
    address: hasAddress(a)
      ? {
          line1: a.line1.trim(),
          line2: orNull(a.line2),
          city: a.city.trim(),
          region: a.region.trim(),
          postalCode: a.postalCode.trim(),
          country: a.country.trim().toUpperCase(),
        }
      : null,
    communicationPreferences: { ...f.communicationPreferences, language: f.communicationPreferences.language || null },
    privacyPreferences: { ...f.privacyPreferences },
  };
  if (r.status) {
    profile.status = f.status as PatientStatus;
    profile.profileType = f.profileType as ProfileType;
  }
  for (const list of LISTS) if (Array.isArray(r[list.name])) profile[list.name] = values(f[list.name]);
  return profile;
}
