import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { DAYS, type Day, type Location } from '../../api/types';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/form';
import { Rows } from '../../ui/Rows';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { LIMITS, formSchema } from '../resource/validation';
import { COMMON_TIME_ZONES, defaultTimeZone } from './timeZones';

export const DAY_LABELS: Record<Day, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

interface DayHours {
  isOpen: boolean;
  open: string;
  close: string;
}

export interface LocationForm {
  name: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  timeZone: string;
  hours: Record<Day, DayHours>;
  closures: { date: string; reason: string }[];
}

function defaultHours(): Record<Day, DayHours> {
  const h = {} as Record<Day, DayHours>;
  for (const d of DAYS) h[d] = { isOpen: d !== 'sunday', open: '09:00', close: d === 'saturday' ? '14:00' : '18:00' };
  return h;
}

/** Index of a day in the openingHours array we send (only open days, Monday first): server errors use it. */
export function openingHoursIndex(hours: Record<Day, DayHours>, day: Day): number {
  let i = 0;
  for (const d of DAYS) {
    if (d === day) return i;
    if (hours[d].isOpen) i++;
  }
  return -1;
}

const dayHours = z.object({ isOpen: z.boolean(), open: z.string(), close: z.string() });

export const locationSchema = formSchema(
  {
    name: z.string(),
    phone: z.string(),
    line1: z.string(),
    line2: z.string(),
    city: z.string(),
    region: z.string(),
    postalCode: z.string(),
    country: z.string(),
    timeZone: z.string(),
    hours: z.record(z.enum(DAYS), dayHours),
    closures: z.array(z.object({ date: z.string(), reason: z.string() })),
  },
  (f, v) => {
  v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
  v.maxLength('phone', f.phone, LIMITS.phone, 'Phone');
  if (f.phone.trim() && !/^[+()\d\s.-]{5,}$/.test(f.phone.trim())) v.add('phone', 'Enter a phone number, for example +1 212 555 0100.');
  v.text('address.line1', f.line1, 'Address line 1', { required: true, max: LIMITS.addressLine });
  v.maxLength('address.line2', f.line2, LIMITS.addressLine, 'Address line 2');
  v.text('address.city', f.city, 'City', { required: true, max: LIMITS.shortText });
  v.text('address.region', f.region, 'State or region', { required: true, max: LIMITS.shortText });
  v.text('address.postalCode', f.postalCode, 'Postal code', { required: true, max: LIMITS.postalCode });
  v.text('address.country', f.country, 'Country', { required: true, max: LIMITS.shortText });
  v.required('timeZone', f.timeZone, 'Time zone');
  for (const d of DAYS) {
    const h = f.hours[d];
    if (!h.isOpen) continue;
    const p = `openingHours[${openingHoursIndex(f.hours, d)}]`;
    v.time(`${p}.open`, h.open, `${DAY_LABELS[d]} opening time`);
    v.time(`${p}.close`, h.close, `${DAY_LABELS[d]} closing time`);
    v.hoursRange(`${p}.close`, h.open, h.close, `${DAY_LABELS[d]} cannot open and close at the same time (a closing time earlier than the opening time runs past midnight).`);
  }
  const seen = new Set<string>();
  f.closures.forEach((c, i) => {
    const p = `closures[${i}]`;
    if (v.required(`${p}.date`, c.date, 'Date')) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date)) v.add(`${p}.date`, 'Enter a date like 2026-12-25.');
      else if (seen.has(c.date)) v.add(`${p}.date`, 'This date is already listed.');
      seen.add(c.date);
    }
    v.text(`${p}.reason`, c.reason, 'Reason', { required: true, max: LIMITS.reason });
  });
  },
);

export const validateLocation = (f: LocationForm) => fieldErrorsOf(locationSchema, f);

export function locationToForm(l: Location): LocationForm {
  const hours = {} as Record<Day, DayHours>;
  for (const d of DAYS) {
    const found = l.openingHours?.find((h) => h.day === d);
    hours[d] = found ? { isOpen: true, open: found.open, close: found.close } : { isOpen: false, open: '09:00', close: '18:00' };
  }
  return {
    name: l.name ?? '',
    phone: l.phone ?? '',
    line1: l.address?.line1 ?? '',
    line2: l.address?.line2 ?? '',
    city: l.address?.city ?? '',
    region: l.address?.region ?? '',
    postalCode: l.address?.postalCode ?? '',
    country: l.address?.country ?? '',
    timeZone: l.timeZone ?? '',
    hours,
    closures: (l.closures ?? []).map((c) => ({ date: c.date, reason: c.reason ?? '' })),
  };
}

export function locationFromForm(f: LocationForm): Omit<Location, 'id' | 'etag' | 'deleted' | 'createdAt' | 'updatedAt'> {
  return {
    name: f.name.trim(),
    phone: f.phone.trim() || undefined,
    address: {
      line1: f.line1.trim(),
      line2: f.line2.trim() || undefined,
      city: f.city.trim(),
      region: f.region.trim(),
      postalCode: f.postalCode.trim(),
      country: f.country.trim(),
    },
    timeZone: f.timeZone,
    openingHours: DAYS.filter((d) => f.hours[d].isOpen).map((d) => ({ day: d, open: f.hours[d].open, close: f.hours[d].close })),
    closures: f.closures.map((c) => ({ date: c.date, reason: c.reason.trim() })),
  };
}

function LocationFields({ readOnly }: FieldsProps) {
  const timeZone = useWatch<LocationForm, 'timeZone'>({ name: 'timeZone' });
  const hours = useWatch<LocationForm, 'hours'>({ name: 'hours' });
  const zones: string[] = [...COMMON_TIME_ZONES];
  if (timeZone && !zones.includes(timeZone)) zones.unshift(timeZone);

  return (
    <>
      <fieldset>
        <legend>Location</legend>
        <TextField name="name" label="Name" required />
        <TextField name="phone" label="Phone" type="tel" autoComplete="off" hint="Optional" />
        <SelectField
          name="timeZone"
          label="Time zone"
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          placeholder="Choose a time zone"
          required
          hint="Opening hours and schedules are in this zone."
        />
      </fieldset>

      <fieldset>
        <legend>Address</legend>
        <TextField name="address.line1" field="line1" label="Address line 1" required />
        <TextField name="address.line2" field="line2" label="Address line 2" hint="Optional" />
        <div className="grid-2">
          <TextField name="address.city" field="city" label="City" required />
          <TextField name="address.region" field="region" label="State or region" required />
          <TextField name="address.postalCode" field="postalCode" label="Postal code" required />
          <TextField name="address.country" field="country" label="Country" hint="For example US" required />
        </div>
      </fieldset>

      <fieldset className="hours" data-field="openingHours">
        <legend>Opening hours</legend>
        <p className="field__hint">Untick a day to mark it closed.</p>
        {DAYS.map((d) => {
          const idx = openingHoursIndex(hours, d);
          return (
            <div className="hours__row" key={d}>
              <CheckboxField name={`hours.${d}`} field={`hours.${d}.isOpen`} label={`Open on ${DAY_LABELS[d]}`} disabled={readOnly} />
              {hours[d].isOpen && (
                <>
                  <TextField
                    name={`openingHours[${idx}].open`}
                    field={`hours.${d}.open`}
                    also={[`openingHours[${idx}]`, `openingHours[${idx}].day`]}
                    label={`${DAY_LABELS[d]} opens`}
                    type="time"
                  />
                  <TextField name={`openingHours[${idx}].close`} field={`hours.${d}.close`} label={`${DAY_LABELS[d]} closes`} type="time" />
                </>
              )}
            </div>
          );
        })}
      </fieldset>

      <Rows
        name="closures"
        legend="Closures"
        rowLabel="Closure"
        newItem={() => ({ date: '', reason: '' })}
        readOnly={readOnly}
        emptyText="No closures planned."
        hint="Days the location is closed, such as public holidays."
        renderRow={(i) => (
          <>
            <TextField name={`closures[${i}].date`} label="Date" type="date" required />
            <TextField name={`closures[${i}].reason`} label="Reason" required />
          </>
        )}
      />
    </>
  );
}

export const locationsResource: ResourceDef<Location, LocationForm> = {
  apiPath: 'locations',
  routePath: '/staff/locations',
  title: 'Locations',
  singular: 'location',
  newLabel: 'New location',
  emptyText: 'No locations yet',
  displayName: (l) => l.name,
  columns: [
    { header: 'City', cell: (l) => l.address?.city },
    { header: 'Time zone', cell: (l) => l.timeZone },
    { header: 'Phone', cell: (l) => l.phone ?? '' },
  ],
  emptyForm: () => ({
    name: '',
    phone: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    country: 'US',
    timeZone: defaultTimeZone(),
    hours: defaultHours(),
    closures: [],
  }),
  toForm: locationToForm,
  toDraft: locationFromForm,
  schema: locationSchema,
  Fields: LocationFields,
};
