import { CURRENCIES, formatMoney, minorToDecimalString, parseDecimalToMinor } from '../../api/money';
import type { DepositKind, Service, StaffMember } from '../../api/types';
import { formKindLabel, useForms, type FormKind, type FormSummary } from '../../api/forms';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { fieldErrorsOf } from '../../ui/form';
import { NumberField } from '../resource/FieldGroups';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { useLookup } from '../resource/useLookup';
import { LIMITS, formSchema, intOrZero, joinList, splitList } from '../resource/validation';

export const SERVICE_CATEGORIES = [
  'Neurotoxin',
  'Dermal filler',
  'Laser',
  'Chemical peel',
  'Microneedling',
  'Facial',
  'IV therapy',
  'Consultation',
] as const;

export interface ServiceForm {
  name: string;
  category: string;
  description: string;
  durationMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  /** Decimal as typed, e.g. "350.00". */
  price: string;
  currency: string;
  depositKind: DepositKind;
  depositAmount: string;
  depositPercent: string;
  roomType: string;
  equipmentTypes: string;
  requiredFormIds: string[];
  requiredConsentIds: string[];
  requiredCertifications: string;
  onlineBookable: boolean;
  requiresConsultation: boolean;
  practitionerIds: string[];
}

export function emptyServiceForm(): ServiceForm {
  return {
    name: '',
    category: '',
    description: '',
    durationMinutes: '60',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    price: '',
    currency: 'USD',
    depositKind: 'none',
    depositAmount: '',
    depositPercent: '',
    roomType: '',
    equipmentTypes: '',
    requiredFormIds: [],
    requiredConsentIds: [],
    requiredCertifications: '',
    onlineBookable: true,
    requiresConsultation: false,
    practitionerIds: [],
  };
}

export function serviceToForm(s: Service): ServiceForm {
  const currency = s.price?.currency ?? 'USD';
  return {
    name: s.name ?? '',
    category: s.category ?? '',
    description: s.description ?? '',
    durationMinutes: String(s.durationMinutes ?? ''),
    bufferBeforeMinutes: String(s.bufferBeforeMinutes ?? 0),
    bufferAfterMinutes: String(s.bufferAfterMinutes ?? 0),
    price: s.price ? minorToDecimalString(s.price.amount, currency) : '',
    currency,
    depositKind: s.deposit?.kind ?? 'none',
    depositAmount: s.deposit?.amount ? minorToDecimalString(s.deposit.amount.amount, currency) : '',
    depositPercent: s.deposit?.percent !== undefined && s.deposit?.percent !== null ? String(s.deposit.percent) : '',
    roomType: s.roomType ?? '',
    equipmentTypes: joinList(s.equipmentTypes),
    requiredFormIds: s.requiredFormIds ?? [],
    requiredConsentIds: s.requiredConsentIds ?? [],
    requiredCertifications: joinList(s.requiredCertifications),
    onlineBookable: !!s.onlineBookable,
    requiresConsultation: !!s.requiresConsultation,
    practitionerIds: s.practitionerIds ?? [],
  };
}

function minor(value: string, currency: string): number {
  const r = parseDecimalToMinor(value, currency);
  return r.ok ? r.amount : 0;
}

export function serviceFromForm(f: ServiceForm): Omit<Service, 'id' | 'etag' | 'deleted' | 'createdAt' | 'updatedAt'> {
  const currency = f.currency;
  const deposit: Service['deposit'] =
    f.depositKind === 'fixed'
      ? { kind: 'fixed', amount: { amount: minor(f.depositAmount, currency), currency } }
      : f.depositKind === 'percent'
        ? { kind: 'percent', percent: Number(f.depositPercent) }
        : { kind: 'none' };
  return {
    name: f.name.trim(),
    category: f.category,
    description: f.description.trim(),
    durationMinutes: intOrZero(f.durationMinutes),
    bufferBeforeMinutes: intOrZero(f.bufferBeforeMinutes),
    bufferAfterMinutes: intOrZero(f.bufferAfterMinutes),
    price: { amount: minor(f.price, currency), currency },
    deposit,
    roomType: f.roomType.trim() || undefined,
    equipmentTypes: splitList(f.equipmentTypes),
    requiredFormIds: f.requiredFormIds,
    requiredConsentIds: f.requiredConsentIds,
    requiredCertifications: splitList(f.requiredCertifications),
    onlineBookable: f.onlineBookable,
    requiresConsultation: f.requiresConsultation,
    practitionerIds: f.practitionerIds,
  };
}

export const serviceSchema = formSchema(
  {
    name: z.string(),
    category: z.string(),
    description: z.string(),
    durationMinutes: z.string(),
    bufferBeforeMinutes: z.string(),
    bufferAfterMinutes: z.string(),
    price: z.string(),
    currency: z.string(),
    depositKind: z.enum(['none', 'fixed', 'percent']),
    depositAmount: z.string(),
    depositPercent: z.string(),
    roomType: z.string(),
    equipmentTypes: z.string(),
    requiredFormIds: z.array(z.string()),
    requiredConsentIds: z.array(z.string()),
    requiredCertifications: z.string(),
    onlineBookable: z.boolean(),
    requiresConsultation: z.boolean(),
    practitionerIds: z.array(z.string()),
  },
  (f, v) => {
  v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
  v.text('category', f.category, 'Category', { required: true, max: LIMITS.shortText });
  v.maxLength('description', f.description, LIMITS.description, 'Description');
  v.integer('durationMinutes', f.durationMinutes, 'Duration', { min: 1, max: LIMITS.maxMinutes });
  v.integer('bufferBeforeMinutes', f.bufferBeforeMinutes, 'Buffer before', { min: 0, max: LIMITS.maxMinutes });
  v.integer('bufferAfterMinutes', f.bufferAfterMinutes, 'Buffer after', { min: 0, max: LIMITS.maxMinutes });
  v.money('price.amount', f.price, f.currency, 'Price');
  if (!f.currency) v.add('price.currency', 'Currency is required.');
  if (f.depositKind === 'fixed') {
    v.money('deposit.amount', f.depositAmount, f.currency, 'Deposit amount');
    const price = parseDecimalToMinor(f.price, f.currency);
    const dep = parseDecimalToMinor(f.depositAmount, f.currency);
    if (price.ok && dep.ok && dep.amount > price.amount) v.add('deposit.amount', 'Deposit cannot be more than the price.');
  } else if (f.depositKind === 'percent') {
    const n = Number(f.depositPercent);
    if (!f.depositPercent.trim()) v.add('deposit.percent', 'Deposit percent is required.');
    else if (!Number.isFinite(n) || n <= 0 || n > 100) v.add('deposit.percent', 'Deposit percent must be more than 0 and at most 100.');
  }
  v.maxLength('roomType', f.roomType, LIMITS.shortText, 'Room type');
  },
);

/** Mirrors the server's service validator. Keys are API paths. */
export const validateService = (f: ServiceForm) => fieldErrorsOf(serviceSchema, f);

function ServiceFields({ readOnly }: FieldsProps) {
  const [category, currency, depositKind] = useWatch<ServiceForm, ['category', 'currency', 'depositKind']>({
    name: ['category', 'currency', 'depositKind'],
  });
  const staff = useLookup<StaffMember>('staff');
  const practitioners = staff.items
    .filter((s) => s.role === 'practitioner' || s.practitioner)
    .map((s) => ({ value: s.id, label: `${s.firstName} ${s.lastName}`.trim() }));
  const categories =
    SERVICE_CATEGORIES.includes(category as (typeof SERVICE_CATEGORIES)[number]) || !category
      ? [...SERVICE_CATEGORIES]
      : [...SERVICE_CATEGORIES, category];

  return (
    <>
      <fieldset>
        <legend>About the service</legend>
        <TextField name="name" label="Name" required />
        <SelectField name="category" label="Category" options={categories.map((c) => ({ value: c, label: c }))} placeholder="Choose a category" required />
        <TextAreaField name="description" label="Description" hint="Optional. Patients see this when booking online." />
      </fieldset>

      <fieldset>
        <legend>Time</legend>
        <div className="grid-3">
          <NumberField name="durationMinutes" label="Duration (minutes)" min={1} required />
          <NumberField name="bufferBeforeMinutes" label="Buffer before (minutes)" min={0} />
          <NumberField name="bufferAfterMinutes" label="Buffer after (minutes)" min={0} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Price and deposit</legend>
        <div className="grid-2">
          <TextField name="price.amount" field="price" also={['price']} label="Price" inputMode="decimal" hint="For example 350.00" required />
          <SelectField name="price.currency" field="currency" label="Currency" options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </div>
        <SelectField
          name="deposit.kind"
          field="depositKind"
          also={['deposit']}
          label="Deposit"
          options={[
            { value: 'none', label: 'No deposit' },
            { value: 'fixed', label: 'Fixed amount' },
            { value: 'percent', label: 'Percent of price' },
          ]}
        />
        {depositKind === 'fixed' && (
          <TextField
            name="deposit.amount"
            field="depositAmount"
            also={['deposit.amount.amount']}
            label="Deposit amount"
            inputMode="decimal"
            hint={`In ${currency}, for example 50.00`}
            required
          />
        )}
        {depositKind === 'percent' && (
          <TextField
            name="deposit.percent"
            field="depositPercent"
            label="Deposit percent"
            type="number"
            inputMode="decimal"
            inputProps={{ min: 0, max: 100, step: 'any' }}
            required
          />
        )}
      </fieldset>

      <fieldset>
        <legend>Resources and requirements</legend>
        <TextField name="roomType" label="Room type" hint="Optional, for example Treatment room" />
        <TextField name="equipmentTypes" label="Equipment types" hint="Optional. Separate with commas, for example IPL laser, Cooling unit" />
        <TextField
          name="requiredCertifications"
          label="Required certifications"
          hint="Optional. Names as on the team member's certifications, for example RN licence. A practitioner whose one has expired is not booked for this service."
        />
        <CheckboxField name="onlineBookable" label="Bookable online" />
        <CheckboxField name="requiresConsultation" label="Requires consultation" />
      </fieldset>

      <RequiredForms readOnly={readOnly} />

      <CheckboxGroup
        name="practitionerIds"
        legend="Practitioners"
        hint="Who performs this service: patients see only these practitioners, and “any practitioner” books one of them."
        options={practitioners}
        disabled={readOnly}
        emptyText={staff.loading ? 'Loading practitioners…' : 'No practitioners yet.'}
      />
    </>
  );
}

/** Which kinds of form each list of a service takes: intake forms, and consents (photo releases among them). */
const REQUIRED_KINDS: Record<'requiredFormIds' | 'requiredConsentIds', readonly FormKind[]> = {
  requiredFormIds: ['intake'],
  requiredConsentIds: ['consent', 'photoRelease'],
};

/**
 * The choices of one list of required forms: the clinic's forms of its kinds by name, then any id the service already
 * names that is not one of them (kept, so a save does not drop it: another kind's form by its name, else "Unknown form").
 */
export function requiredFormOptions(forms: FormSummary[] | undefined, kinds: readonly FormKind[], selected: string[]) {
  const label = (f: FormSummary, otherKind: boolean) =>
    `${f.name}${otherKind ? ` (${formKindLabel(f.kind)})` : ''}${f.publishedVersion === null ? ' (not published yet)' : ''}`;
  const options = (forms ?? []).filter((f) => kinds.includes(f.kind)).map((f) => ({ value: f.id, label: label(f, false) }));
  for (const id of selected) {
    if (options.some((o) => o.value === id)) continue;
    const other = forms?.find((f) => f.id === id);
    options.push({ value: id, label: other ? label(other, true) : forms ? `Unknown form (${id})` : id });
  }
  return options;
}

/** The forms a patient must have completed for this service, chosen from the clinic's forms (GET /api/forms). */
function RequiredForms({ readOnly }: FieldsProps) {
  const forms = useForms();
  const [formIds, consentIds] = useWatch<ServiceForm, ['requiredFormIds', 'requiredConsentIds']>({
    name: ['requiredFormIds', 'requiredConsentIds'],
  });
  const emptyText = forms.isPending ? 'Loading forms…' : forms.isError ? 'The clinic’s forms could not be loaded.' : undefined;
  const groups = [
    {
      name: 'requiredFormIds',
      legend: 'Required intake forms',
      hint: 'Optional. Booking this service asks the patient to complete these before the visit.',
      chosen: formIds,
      none: 'No intake forms yet. An admin builds them under Forms.',
    },
    {
      name: 'requiredConsentIds',
      legend: 'Required consents',
      hint: 'Optional. Consents and photo releases the patient signs before the visit; the visit cannot be completed without them unless a clinician gives a reason.',
      chosen: consentIds,
      none: 'No consents yet. An admin builds them under Forms.',
    },
  ] as const;
  return (
    <>
      {groups.map((g) => (
        <CheckboxGroup
          key={g.name}
          name={g.name}
          legend={g.legend}
          hint={g.hint}
          options={requiredFormOptions(forms.data, REQUIRED_KINDS[g.name], g.chosen ?? [])}
          disabled={readOnly}
          emptyText={emptyText ?? g.none}
        />
      ))}
    </>
  );
}

export const servicesResource: ResourceDef<Service, ServiceForm> = {
  apiPath: 'services',
  routePath: '/staff/services',
  title: 'Services',
  singular: 'service',
  newLabel: 'New service',
  emptyText: 'No services yet',
  displayName: (s) => s.name,
  columns: [
    { header: 'Category', cell: (s) => s.category },
    { header: 'Duration', cell: (s) => `${s.durationMinutes} min` },
    { header: 'Price', cell: (s) => formatMoney(s.price) },
    { header: 'Online booking', cell: (s) => (s.onlineBookable ? 'Yes' : 'No') },
  ],
  emptyForm: emptyServiceForm,
  toForm: serviceToForm,
  toDraft: serviceFromForm,
  schema: serviceSchema,
  Fields: ServiceFields,
};
