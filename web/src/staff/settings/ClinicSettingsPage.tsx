import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { FormProvider, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { BookingPolicies } from '../../api/booking';
import { queryKeys } from '../../api/queries';
import { formatClock, type ClockFormat } from '../../booking/time';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { minorToDecimalString, parseDecimalToMinor } from '../../api/money';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/Field';
import { schemaResolver } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ChartingSettingsSection } from './ChartingSettingsSection';
import { RecordPrivacySettings } from './RecordPrivacySettings';
import { useSettingsDocument } from './useSettingsDocument';

const NUMBER_FIELDS = [
  { name: 'windowDays', label: 'Patients may book up to (days ahead)', hint: 'Between 1 and 730.' },
  { name: 'minimumNoticeMinutes', label: 'Online bookings need at least (minutes of notice)', hint: '120 is two hours.' },
  { name: 'cancellationNoticeHours', label: 'Cancelling with less notice than (hours) may incur a fee', hint: 'Between 0 and 168.' },
  { name: 'maxFutureBookingsPerPatient', label: 'Upcoming online bookings per patient, at most', hint: 'Between 1 and 100.' },
  { name: 'depositHoldMinutes', label: 'Hold a time while a deposit is paid for (minutes)', hint: 'Between 2 and 60.' },
] as const;

type NumberField = (typeof NUMBER_FIELDS)[number]['name'];

// Whole numbers only: an empty or decimal box is the person's mistake to fix, not a value to guess.
const wholeNumber = z.string().regex(/^\s*\d+\s*$/, 'Enter a whole number.');

const minor = (typed: string) => {
  const parsed = parseDecimalToMinor(typed.trim() || '0', 'USD');
  return parsed.ok ? parsed.amount : 0;
};

// A fee as typed ("50", "50.00"): money in the clinic's currency, 0 for none.
const fee = z.string().refine((v) => parseDecimalToMinor(v.trim() || '0', 'USD').ok && minor(v) <= 100_000, 'An amount from 0 to 1,000.00.');

// "48, 2": up to four different whole hours from 1 to 336, or empty for no reminders.
const reminderHours = z.string().refine((v) => {
  const hours = v.split(',').map((h) => h.trim()).filter((h) => h !== '');
  return hours.length <= 4 && hours.every((h) => /^\d+$/.test(h) && Number(h) >= 1 && Number(h) <= 336) && new Set(hours.map(Number)).size === hours.length;
}, 'Up to 4 different numbers of hours, each 1 to 336, separated by commas (empty: no reminders).');

const settingsSchema = z
  .object({
    clockFormat: z.enum(['12h', '24h']),
    reminderHoursBefore: reminderHours,
    afterCareMessage: z.boolean(),
    reviewRequestAfterDays: wholeNumber.refine((v) => Number(v) <= 30, 'Between 0 (never) and 30 days.'),
    calendarFeedShowsPatientNames: z.boolean(),
    noShowFee: fee,
    lateCancellationFee: fee,
    cancellationPolicy: z.string().max(2000, 'Up to 2000 characters.'),
    slotStepMinutes: z.string(),
    approvalRequiredForNewPatients: z.boolean(),
    staffMayDoubleBook: z.boolean(),
    ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, wholeNumber])) as Record<NumberField, typeof wholeNumber>),
  })
  .refine((f) => minor(f.noShowFee) + minor(f.lateCancellationFee) === 0 || f.cancellationPolicy.trim() !== '', {
    path: ['cancellationPolicy'],
    message: 'Write the policy patients accept when they book: it is what the fees are charged under.',
  });

type SettingsForm = z.infer<typeof settingsSchema>;

function toForm(p: BookingPolicies): SettingsForm {
  return {
    clockFormat: p.clockFormat === '24h' ? '24h' : '12h',
    reminderHoursBefore: (p.reminderHoursBefore ?? [48, 2]).join(', '),
    afterCareMessage: p.afterCareMessage ?? true,
    reviewRequestAfterDays: String(p.reviewRequestAfterDays ?? 3),
    calendarFeedShowsPatientNames: p.calendarFeedShowsPatientNames ?? false,
    noShowFee: minorToDecimalString(p.noShowFee ?? 0, 'USD'),
    lateCancellationFee: minorToDecimalString(p.lateCancellationFee ?? 0, 'USD'),
    cancellationPolicy: p.cancellationPolicy ?? '',
    slotStepMinutes: String(p.slotStepMinutes),
    approvalRequiredForNewPatients: p.approvalRequiredForNewPatients,
    staffMayDoubleBook: p.staffMayDoubleBook,
    ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, String(p[f.name])])) as Record<NumberField, string>),
  };
}

function fromForm(f: SettingsForm, loaded: BookingPolicies): BookingPolicies {
  const body: BookingPolicies = {
    ...loaded,
    clockFormat: f.clockFormat,
    reminderHoursBefore: f.reminderHoursBefore.split(',').map((h) => h.trim()).filter((h) => h !== '').map(Number),
    afterCareMessage: f.afterCareMessage,
    reviewRequestAfterDays: Number(f.reviewRequestAfterDays.trim()),
    calendarFeedShowsPatientNames: f.calendarFeedShowsPatientNames,
    noShowFee: minor(f.noShowFee),
    lateCancellationFee: minor(f.lateCancellationFee),
    cancellationPolicy: f.cancellationPolicy.trim(),
    slotStepMinutes: Number(f.slotStepMinutes),
    approvalRequiredForNewPatients: f.approvalRequiredForNewPatients,
    staffMayDoubleBook: f.staffMayDoubleBook,
  };
  for (const n of NUMBER_FIELDS) body[n.name] = Number(f[n.name].trim());
  return body;
}

/** Admin only: the clinic's booking rules and how its times are written, one form saved with its version; then who sees what in a record, and the charting deadline. */
export function ClinicSettingsPage() {
  const queryClient = useQueryClient();
  useDocumentTitle('Clinic settings');
  const settings = useSettingsDocument<BookingPolicies>({
    path: '/api/booking/policies',
    queryKey: queryKeys.settings,
    // Every page writes times the new way at once.
    onSaved: (saved) => queryClient.setQueryData(queryKeys.booking.policies, saved),
  });
  const loaded = settings.loaded;
  const form = useForm<SettingsForm>({
    // The form shows the copy last read or saved; a new copy starts it again.
    values: loaded ? toForm(loaded.body) : undefined,
    resolver: schemaResolver(settingsSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });

  const onSubmit = form.handleSubmit((v) => loaded && settings.save(fromForm(v, loaded.body), form.setError), settings.clearDone);

  if (!loaded) {
    return (
      <section aria-labelledby="settings-h">
        <h1 id="settings-h">Clinic settings</h1>
        {settings.loadProblem ? <ProblemAlert problem={settings.loadProblem} /> : <Loading />}
      </section>
    );
  }

  const saving = settings.saving;
  const sample = (clock: ClockFormat) => formatClock(14, 30, clock);
  return (
    <section aria-labelledby="settings-h" className="settings-page">
      <h1 id="settings-h">Clinic settings</h1>
      <p className="muted">These apply to every location, for staff and for patients booking online.</p>
      <p>
        <Link to="/staff/settings/messages">Messages to patients: your own words, languages and previews</Link>
      </p>
      {settings.problem && <ProblemAlert problem={settings.problem} />}
      <FormProvider {...form}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={saving}>
          <fieldset className="checkbox-group" data-field="clockFormat">
            <legend>Clock</legend>
            <p className="field__hint">How times are written in the calendar, in booking and in messages to patients.</p>
            {(['12h', '24h'] as const).map((clock) => (
              <div className="field field--check" key={clock}>
                <input id={`clock-${clock}`} type="radio" value={clock} {...form.register('clockFormat')} />
                <label htmlFor={`clock-${clock}`}>
                  {clock === '12h' ? '12-hour' : '24-hour'} ({sample(clock)})
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Booking</legend>
            {NUMBER_FIELDS.map((f) => (
              <TextField key={f.name} name={f.name} label={f.label} hint={f.hint} inputMode="numeric" required />
            ))}
            <SelectField
              name="slotStepMinutes"
              label="Offer start times every"
              options={[5, 10, 15, 20, 30, 60].map((m) => ({ value: String(m), label: `${m} minutes` }))}
            />
            <CheckboxField name="approvalRequiredForNewPatients" label="New patients’ online bookings wait for staff approval" />
            <CheckboxField name="staffMayDoubleBook" label="Staff may book over an existing appointment on purpose" />
          </fieldset>
          <fieldset>
            <legend>Reminders</legend>
            <p className="field__hint">Sent by email and text as each patient chooses; texts wait until 08:00 when they would arrive at night.</p>
            <TextField name="reminderHoursBefore" label="Remind patients this many hours before their visit" hint="For example 48, 2. Empty for no reminders." maxLength={40} />
            <CheckboxField name="afterCareMessage" label="Send an after-care message the morning after a visit" />
            <TextField name="reviewRequestAfterDays" label="Ask how the visit went after (days)" hint="0 never asks." inputMode="numeric" maxLength={2} />
          </fieldset>
          <fieldset>
            <legend>Practitioners’ calendar links</legend>
            <p className="field__hint">Calendars are synced to other companies’ services. Unless you allow names, each visit reads “Booked”.</p>
            <CheckboxField name="calendarFeedShowsPatientNames" label="Show the patient’s name and treatment in practitioners’ calendar links" />
          </fieldset>
          <fieldset>
            <legend>Missed-visit fees</legend>
            <p className="field__hint">Charged to the patient’s card on file, only under the policy they accepted when booking online. 0 for none.</p>
            <div className="grid-2">
              <TextField name="noShowFee" label="No-show fee" inputMode="decimal" maxLength={9} />
              <TextField name="lateCancellationFee" label="Late cancellation fee" inputMode="decimal" maxLength={9} />
            </div>
            <TextAreaField name="cancellationPolicy" label="Cancellation policy patients accept" rows={4} maxLength={2000} />
          </fieldset>
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="btn" disabled={saving} onClick={() => form.reset(toForm(loaded.body))}>
              Undo changes
            </button>
          </div>
          {settings.done && <StatusMessage>{settings.done}</StatusMessage>}
        </form>
      </FormProvider>
      <RecordPrivacySettings />
      <ChartingSettingsSection />
    </section>
  );
}
