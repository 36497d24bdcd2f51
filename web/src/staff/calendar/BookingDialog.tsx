import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { FormProvider, useForm, useWatch, type FieldErrors as RhfErrors } from 'react-hook-form';
import { z } from 'zod';
import { bookingApi, calendarApi, type Appointment, type PatientSummary } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import type { Service } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { zonedIso, zoneDescription } from '../../booking/time';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { flattenErrors, schemaResolver, setServerErrors } from '../../ui/form';
import { Modal } from '../../ui/Modal';
import { useLookup } from '../resource/useLookup';

export type StaffSource = 'phone' | 'walk-in' | 'admin';
const SOURCES = [
  { value: 'phone', label: 'Phone' },
  { value: 'walk-in', label: 'Walk-in' },
  { value: 'admin', label: 'Admin' },
];

function patientName(p: PatientSummary) {
  return `${p.firstName} ${p.lastName}`.trim();
}

/** The desk's booking: a found patient (patientId) or a new one (creating), a service, who, how it came in. */
export const deskBookingSchema = z
  .object({
    patientSearch: z.string(),
    patientId: z.string(),
    creating: z.boolean(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string(),
    practitionerId: z.string(),
    serviceId: z.string(),
    bookingSource: z.enum(['phone', 'walk-in', 'admin']),
    notes: z.string(),
  })
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (f.creating) {
      if (!f.firstName.trim()) issue('firstName', 'Enter the first name.');
      if (!f.lastName.trim()) issue('lastName', 'Enter the last name.');
      if (f.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.email.trim())) issue('email', 'Enter an email address like name@example.com.');
    } else if (!f.patientId) {
      issue('patientSearch', 'Find and choose a patient, or add a new patient.');
    }
    if (!f.serviceId) issue('serviceId', 'Choose a service.');
  });

type DeskBooking = z.infer<typeof deskBookingSchema>;

/** Front desk books a patient into an empty calendar cell (phone, walk-in or admin booking). */
export function BookingDialog(props: {
  locationId: string;
  date: string;
  minutes: number;
  timeZone: string;
  practitioners: { id: string; displayName: string }[];
  practitionerId?: string;
  onClose: () => void;
  onBooked: (a: Appointment) => void;
}) {
  const clock = useClock();
  const api = useApi();
  const queryClient = useQueryClient();
  const services = useLookup<Service>('services');
  const startTime = zonedIso(props.date, props.minutes, props.timeZone);
  const form = useForm<DeskBooking>({
    defaultValues: {
      patientSearch: '',
      patientId: '',
      creating: false,
      firstName: '',
      lastName: '',
      email: '',
      phone: '',
      practitionerId: props.practitionerId ?? '',
      serviceId: '',
      bookingSource: 'phone',
      notes: '',
    },
    resolver: schemaResolver(deskBookingSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [creating, practitionerId] = useWatch({ control: form.control, name: ['creating', 'practitionerId'] });
  const resultsId = useId();

  // The search last asked for; its answer is a query of its own.
  const [searched, setSearched] = useState('');
  const search = useQuery({
    queryKey: queryKeys.patientSearch(searched),
    queryFn: ({ signal }) => calendarApi.searchPatients(api, searched, signal),
    enabled: !!searched,
  });
  const searching = search.isFetching;
  const results = searched && search.data ? search.data : null;
  const [picked, setPatient] = useState<PatientSummary | null>(null);
  // One match is chosen for the person.
  const patient = picked ?? (results?.length === 1 ? results[0] : null);

  const serviceOptions = useMemo(
    () =>
      services.items
        .filter((s) => !s.deleted)
        .filter((s) => !practitionerId || !s.practitionerIds?.length || s.practitionerIds.includes(practitionerId))
        .map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} min)` })),
    [services.items, practitionerId],
  );

  const book = useMutation({
    mutationFn: async (f: DeskBooking) => {
      let patientId = f.patientId;
      if (f.creating) {
        const created = await calendarApi.createPatient(api, {
          firstName: f.firstName.trim(),
          lastName: f.lastName.trim(),
          email: f.email.trim() || undefined,
          phone: f.phone.trim() || undefined,
        });
        patientId = created.id;
        setPatient(created);
        form.setValue('creating', false);
      }
      return bookingApi.book(api, {
        serviceId: f.serviceId,
        locationId: props.locationId,
        startTime,
        practitionerId: f.practitionerId || undefined,
        patientId,
        bookingSource: f.bookingSource,
        notes: f.notes.trim() || undefined,
      });
    },
    onSuccess: (appointment) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability });
      props.onBooked(appointment);
    },
    onError: (err) => {
      if (isApiError(err)) setServerErrors(form.setError, err.fieldErrors);
    },
  });
  const busy = book.isPending || book.isSuccess;
  const problem = book.isError ? problemOf(book.error) : search.isError ? problemOf(search.error) : null;

  function onSearch(e: FormEvent) {
    e.preventDefault();
    const q = form.getValues('patientSearch').trim();
    form.clearErrors();
    book.reset();
    if (!q) {
      form.setError('patientSearch', { type: 'validate', message: 'Type a name or email to search.' });
      return;
    }
    setSearched(q);
    if (q === searched) void search.refetch();
  }

  function onInvalid(errors: RhfErrors<DeskBooking>) {
    const first = Object.keys(flattenErrors(errors))[0];
    document.querySelector<HTMLElement>(`.dialog [name="${first}"]`)?.focus();
  }

  function submit() {
    if (busy) return;
    book.reset();
    // The patient chosen from the search is part of what is checked.
    form.setValue('patientId', patient?.id ?? '');
    void form.handleSubmit((values) => book.mutate(values), onInvalid)();
  }

  return (
    <Modal title="Book an appointment" onClose={props.onClose} wide>
      <p>
        <strong>{clock.dateTime(startTime, props.timeZone)}</strong> <span className="muted">({zoneDescription(props.timeZone)})</span>
      </p>
      <FormProvider {...form}>
        <fieldset>
          <legend>Patient</legend>
          {!creating && (
            <>
              <form onSubmit={onSearch} className="search__row patient-search" role="search" aria-label="Patients">
                <TextField name="patientSearch" also={['patientId']} label="Find patient" hint="Name or email" type="search" autoComplete="off" />
                <button type="submit" className="btn" disabled={searching}>
                  Search
                </button>
              </form>
              {searching && <Loading label="Searching…" />}
              {results && !searching && (
                <div id={resultsId} aria-live="polite">
                  {results.length === 0 ? (
                    <p className="muted">No patient matches “{searched}”.</p>
                  ) : (
                    <div role="radiogroup" aria-label="Matching patients" className="choices">
                      {results.map((p) => (
                        <label key={p.id} className="choice choice--compact">
                          <input type="radio" name="patientId" value={p.id} checked={patient?.id === p.id} onChange={() => setPatient(p)} />
                          <span className="choice__body">
                            <span className="choice__title">{patientName(p)}</span>{' '}
                            <span className="choice__meta">{[p.email, p.phone].filter(Boolean).join(' · ')}</span>
                          </span>
                        </label>
                      ))}
                    </div>
                  )}
                </div>
              )}
              {patient && (
                <p>
                  Booking for <strong>{patientName(patient)}</strong>
                </p>
              )}
            </>
          )}
          <button
            type="button"
            className="btn btn--small"
            aria-expanded={creating}
            onClick={() => {
              form.setValue('creating', !creating);
              form.clearErrors();
            }}
          >
            {creating ? 'Find an existing patient' : 'New patient'}
          </button>
          {creating && (
            <div className="grid-2 new-patient">
              <TextField name="firstName" label="First name" autoComplete="off" required />
              <TextField name="lastName" label="Last name" autoComplete="off" required />
              <TextField name="email" label="Email" type="email" autoComplete="off" />
              <TextField name="phone" label="Phone" type="tel" autoComplete="off" />
            </div>
          )}
        </fieldset>
        <div className="grid-2">
          <SelectField
            name="practitionerId"
            label="Practitioner"
            options={props.practitioners.map((p) => ({ value: p.id, label: p.displayName }))}
            placeholder="Any available practitioner"
          />
          <SelectField
            name="serviceId"
            label="Service"
            options={serviceOptions}
            placeholder={services.loading ? 'Loading services…' : 'Choose a service'}
            required
          />
          <SelectField name="bookingSource" label="Source" options={SOURCES} />
        </div>
        <TextAreaField name="notes" label="Notes (optional)" rows={2} maxLength={1000} />
      </FormProvider>
      {problem && <ProblemAlert problem={problem} />}
      <div className="actions">
        <button type="button" className="btn btn--primary" onClick={submit} disabled={busy}>
          Book
        </button>
      </div>
    </Modal>
  );
}
