import { useId } from 'react';
import { Link } from 'react-router-dom';
import { DAYS, type Certification, type Day, type Service, type StaffMember, type StaffRole, type WorkingException } from '../../api/types';
import { ROLE_LABELS } from '../../auth/roles';
import { useFormContext, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/form';
import { Rows } from '../../ui/Rows';
import { DAY_LABELS } from '../locations/locationsResource';
import { PeriodRows } from '../resource/FieldGroups';
import { LocationSelect } from '../resource/LocationSelect';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { useLookup } from '../resource/useLookup';
import { LIMITS, formSchema, isoToLocalInput, joinList, localInputToIso, periodShape, splitList } from '../resource/validation';
import { certificationStatuses } from './certifications';
import './certifications.css';
import './team.css';

export interface StaffForm {
  /** The staff member's id ('' while new): not edited, used to show which services name them. */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: StaffRole;
  hasProfile: boolean;
  bio: string;
  photoUrl: string;
  certifications: { name: string; expiresOn: string }[];
  tags: string;
  workingHours: { locationId: string; day: Day; start: string; end: string }[];
  /** datetime-local values in the browser's zone */
  timeOff: { start: string; end: string; reason: string }[];
  /** Dated exceptions to the weekly hours: not edited here yet, but kept so a save never drops them. */
  workingExceptions: WorkingException[];
}

const STAFF_ROLES: StaffRole[] = ['admin', 'frontdesk', 'practitioner'];

export const staffSchema = formSchema(
  {
    id: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    role: z.custom<StaffRole>(),
    hasProfile: z.boolean(),
    bio: z.string(),
    photoUrl: z.string(),
    certifications: z.array(z.object({ name: z.string(), expiresOn: z.string() })),
    tags: z.string(),
    workingHours: z.array(z.object({ locationId: z.string(), day: z.custom<Day>(), start: z.string(), end: z.string() })),
    timeOff: z.array(periodShape),
    workingExceptions: z.custom<WorkingException[]>(),
  },
  (f, v) => {
  v.text('firstName', f.firstName, 'First name', { required: true, max: LIMITS.name });
  v.text('lastName', f.lastName, 'Last name', { required: true, max: LIMITS.name });
  v.email('email', f.email);
  if (!STAFF_ROLES.includes(f.role)) v.add('role', 'Choose a role.');
  if (f.hasProfile) {
    v.maxLength('practitioner.bio', f.bio, LIMITS.description, 'Bio');
    if (f.photoUrl.trim()) {
      v.maxLength('practitioner.photoUrl', f.photoUrl, LIMITS.url, 'Photo URL');
      if (!/^https?:\/\/\S+$/i.test(f.photoUrl.trim())) v.add('practitioner.photoUrl', 'Enter a web address starting with https://');
    }
    f.certifications.forEach((c, i) => {
      const p = `practitioner.certifications[${i}]`;
      v.text(`${p}.name`, c.name, 'Certification', { required: true, max: LIMITS.name });
      v.required(`${p}.expiresOn`, c.expiresOn, 'Expiry date');
    });
  }
  f.workingHours.forEach((w, i) => {
    const p = `workingHours[${i}]`;
    v.required(`${p}.locationId`, w.locationId, 'Location');
    v.time(`${p}.start`, w.start, 'Start');
    v.time(`${p}.end`, w.end, 'End');
    v.hoursRange(`${p}.end`, w.start, w.end, 'Start and end cannot be the same (an end earlier than the start runs past midnight).');
  });
  f.timeOff.forEach((t, i) => v.period(`timeOff[${i}]`, t));
  },
);

export const validateStaff = (f: StaffForm) => fieldErrorsOf(staffSchema, f);

export function staffToForm(s: StaffMember): StaffForm {
  return {
    id: s.id ?? '',
    firstName: s.firstName ?? '',
    lastName: s.lastName ?? '',
    email: s.email ?? '',
    role: s.role ?? 'frontdesk',
    hasProfile: !!s.practitioner,
    bio: s.practitioner?.bio ?? '',
    photoUrl: s.practitioner?.photoUrl ?? '',
    certifications: (s.practitioner?.certifications ?? []).map((c) => ({ name: c.name, expiresOn: c.expiresOn })),
    tags: joinList(s.practitioner?.tags),
    workingHours: (s.workingHours ?? []).map((w) => ({ ...w })),
    timeOff: (s.timeOff ?? []).map((t) => ({ start: isoToLocalInput(t.start), end: isoToLocalInput(t.end), reason: t.reason ?? '' })),
    workingExceptions: s.workingExceptions ?? [],
  };
}

export function staffFromForm(f: StaffForm): Omit<StaffMember, 'id' | 'etag' | 'deleted' | 'createdAt' | 'updatedAt'> {
  return {
    firstName: f.firstName.trim(),
    lastName: f.lastName.trim(),
    email: f.email.trim(),
    role: f.role,
    practitioner: f.hasProfile
      ? {
          bio: f.bio.trim(),
          photoUrl: f.photoUrl.trim() || undefined,
          certifications: f.certifications.map((c) => ({ name: c.name.trim(), expiresOn: c.expiresOn })),
          tags: splitList(f.tags),
        }
      : undefined,
    workingHours: f.workingHours.map((w) => ({ locationId: w.locationId, day: w.day, start: w.start, end: w.end })),
    timeOff: f.timeOff.map((t) => ({ start: localInputToIso(t.start), end: localInputToIso(t.end), reason: t.reason.trim() })),
    workingExceptions: f.workingExceptions,
  };
}

function StaffFields({ readOnly }: FieldsProps) {
  const { setValue } = useFormContext<StaffForm>();
  const [id, role, hasProfile] = useWatch<StaffForm, ['id', 'role', 'hasProfile']>({ name: ['id', 'role', 'hasProfile'] });
  const services = useLookup<Service>('services');

  return (
    <>
      <fieldset>
        <legend>Person</legend>
        <div className="grid-2">
          <TextField name="firstName" label="First name" autoComplete="off" required />
          <TextField name="lastName" label="Last name" autoComplete="off" required />
        </div>
        <TextField name="email" label="Email" type="email" autoComplete="off" hint="They sign in with this address." required />
        <SelectField
          name="role"
          label="Role"
          value={role}
          onChange={(v) => {
            setValue('role', v as StaffRole);
            if (v === 'practitioner') setValue('hasProfile', true);
          }}
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          hint="Admins can change everything; front desk and practitioners can view."
          required
        />
        <CheckboxField name="practitioner" field="hasProfile" label="Sees patients (practitioner profile)" />
      </fieldset>

      {hasProfile && (
        <fieldset>
          <legend>Practitioner profile</legend>
          <TextAreaField name="practitioner.bio" field="bio" label="Bio" hint="Optional. Shown to patients." />
          <TextField name="practitioner.photoUrl" field="photoUrl" label="Photo URL" type="url" hint="Optional" />
          <TextField name="practitioner.tags" field="tags" label="Tags" hint="Optional. Separate with commas, for example injector, laser" />
          <Rows
            name="practitioner.certifications"
            field="certifications"
            legend="Certifications"
            rowLabel="Certification"
            newItem={() => ({ name: '', expiresOn: '' })}
            readOnly={readOnly}
            emptyText="No certifications recorded."
            renderRow={(i) => (
              <>
                <TextField
                  name={`practitioner.certifications[${i}].name`}
                  field={`certifications.${i}.name`}
                  label="Certification name"
                  required
                />
                <TextField
                  name={`practitioner.certifications[${i}].expiresOn`}
                  field={`certifications.${i}.expiresOn`}
                  label="Expires on"
                  type="date"
                  required
                />
              </>
            )}
          />
          <PerformedServices staffId={id} services={services} />
        </fieldset>
      )}

      <Rows
        name="workingHours"
        legend="Working hours"
        rowLabel="Shift"
        newItem={() => ({ locationId: '', day: 'monday' as Day, start: '09:00', end: '17:00' })}
        readOnly={readOnly}
        emptyText="No working hours yet."
        hint="Times are in the location's time zone."
        renderRow={(i) => (
          <>
            <LocationSelect name={`workingHours[${i}].locationId`} required />
            <SelectField name={`workingHours[${i}].day`} label="Day" options={DAYS.map((d) => ({ value: d, label: DAY_LABELS[d] }))} />
            <TextField name={`workingHours[${i}].start`} label="Start" type="time" required />
            <TextField name={`workingHours[${i}].end`} label="End" type="time" required />
          </>
        )}
      />

      <PeriodRows name="timeOff" legend="Time off" rowLabel="Time off" readOnly={readOnly} emptyText="No time off planned." />
    </>
  );
}

export const teamResource: ResourceDef<StaffMember, StaffForm> = {
  apiPath: 'staff',
  routePath: '/staff/team',
  title: 'Staff',
  singular: 'staff member',
  newLabel: 'New staff member',
  emptyText: 'No staff members yet',
  displayName: (s) => `${s.firstName ?? ''} ${s.lastName ?? ''}`.trim(),
  columns: [
    { header: 'Role', cell: (s) => ROLE_LABELS[s.role] ?? s.role },
    { header: 'Email', cell: (s) => s.email },
    { header: 'Certifications', cell: (s) => <CertificationBadges certifications={s.practitioner?.certifications} /> },
  ],
  emptyForm: () => ({
    id: '',
    firstName: '',
    lastName: '',
    email: '',
    role: 'practitioner',
    hasProfile: true,
    bio: '',
    photoUrl: '',
    certifications: [],
    tags: '',
    workingHours: [],
    timeOff: [],
    workingExceptions: [],
  }),
  toForm: staffToForm,
  toDraft: staffFromForm,
  schema: staffSchema,
  Fields: StaffFields,
};

/** The services that name this staff member as a practitioner: shown here, chosen on each service's page (one list, the service's). */
export function servicesPerformedBy(staffId: string, services: Service[]): Service[] {
  if (!staffId) return [];
  return services.filter((s) => (s.practitionerIds ?? []).includes(staffId)).sort((a, b) => a.name.localeCompare(b.name));
}

function PerformedServices({ staffId, services }: { staffId: string; services: { items: Service[]; loading: boolean; failed: boolean } }) {
  const titleId = useId();
  const performed = servicesPerformedBy(staffId, services.items);
  let content;
  if (services.loading) content = <p className="muted">Loading services…</p>;
  else if (services.failed) content = <p className="muted">The services could not be loaded.</p>;
  else if (!staffId) content = <p className="muted">None yet. Save this staff member first, then add them to services.</p>;
  else if (performed.length === 0) content = <p className="muted">None yet.</p>;
  else
    content = (
      <ul className="performed-services__list">
        {performed.map((s) => (
          <li key={s.id}>
            <Link to={`/staff/services/${encodeURIComponent(s.id)}`}>{s.name}</Link>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="field performed-services" role="group" aria-labelledby={titleId}>
      <p id={titleId} className="performed-services__title">
        Services they perform
      </p>
      {content}
      <p className="field__hint">
        Choose who performs a service on the service's page. <Link to="/staff/services">Go to services</Link>
      </p>
    </div>
  );
}

/** Expired and soon-expiring certifications stand out in the team list (a practitioner with an expired one is not booked). */
function CertificationBadges({ certifications }: { certifications?: Certification[] }) {
  const today = new Date().toLocaleDateString('en-CA'); // yyyy-MM-dd in the browser's own day
  const statuses = certificationStatuses(certifications, today);
  if (statuses.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="cert-list">
      {statuses.map((c) => (
        <li key={c.name} className={`cert cert--${c.state}`}>
          {c.text}
        </li>
      ))}
    </ul>
  );
}
