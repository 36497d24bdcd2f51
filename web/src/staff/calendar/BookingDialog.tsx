import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { bookingApi, calendarApi, type Appointment, type PatientSummary } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import type { FieldErrors } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import type { Service } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { zonedIso, zoneDescription } from '../../booking/time';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { FormErrorsContext, SelectField, TextAreaField, TextField } from '../../ui/Field';
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
  const services = useLookup<Service>('services');
  const startTime = zonedIso(props.date, props.minutes, props.timeZone);
  const [practitionerId, setPractitionerId] = useState(props.practitionerId ?? '');
  const [serviceId, setServiceId] = useState('');
  const [source, setSource] = useState<StaffSource>('phone');
  const [notes, setNotes] = useState('');
  const [query, setQuery] = useState('');
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
  const [creating, setCreating] = useState(false);
  const [newPatient, setNewPatient] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const resultsId = useId();
  const queryClient = useQueryClient();

  const serviceOptions = useMemo(
    () =>
      services.items
        .filter((s) => !s.deleted)
        .filter((s) => !practitionerId || !s.practitionerIds?.length || s.practitionerIds.includes(practitionerId))
        .map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} min)` })),
    [services.items, practitionerId],
  );

  function onSearch(e: FormEvent) {
    e.preventDefault();
    const q = query.trim();
    if (!q) {
      setErrors({ patientSearch: ['Type a name or email to search.'] });
      return;
    }
    setErrors({});
    book.reset();
    setSearched(q);
    if (q === searched) void search.refetch();
  }

  function validate(): FieldErrors {
    const out: FieldErrors = {};
    if (creating) {
      if (!newPatient.firstName.trim()) out.firstName = ['Enter the first name.'];
      if (!newPatient.lastName.trim()) out.lastName = ['Enter the last name.'];
      if (newPatient.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(newPatient.email.trim()))
        out.email = ['Enter an email address like name@example.com.'];
    } else if (!patient) {
      out.patientSearch = ['Find and choose a patient, or add a new patient.'];
    }
    if (!serviceId) out.serviceId = ['Choose a service.'];
    return out;
  }

  const book = useMutation({
    mutationFn: async () => {
      let patientId = patient?.id;
      if (creating) {
        const created = await calendarApi.createPatient(api, {
          firstName: newPatient.firstName.trim(),
          lastName: newPatient.lastName.trim(),
          email: newPatient.email.trim() || undefined,
          phone: newPatient.phone.trim() || undefined,
        });
        patientId = created.id;
        setPatient(created);
        setCreating(false);
      }
      return bookingApi.book(api, {
        serviceId,
        locationId: props.locationId,
        startTime,
        practitionerId: practitionerId || undefined,
        patientId,
        bookingSource: source,
        notes: notes.trim() || undefined,
      });
    },
    onSuccess: (appointment) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability });
      props.onBooked(appointment);
    },
    onError: (err) => {
      if (isApiError(err) && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
    },
  });
  const busy = book.isPending || book.isSuccess;
  const problem = book.isError ? problemOf(book.error) : search.isError ? problemOf(search.error) : null;

  function submit() {
    if (busy) return;
    const found = validate();
    setErrors(found);
    book.reset();
    if (Object.keys(found).length) {
      const first = Object.keys(found)[0];
      document.querySelector<HTMLElement>(`.dialog [name="${first}"]`)?.focus();
      return;
    }
    book.mutate();
  }

  return (
    <Modal title="Book an appointment" onClose={props.onClose} wide>
      <p>
        <strong>{clock.dateTime(startTime, props.timeZone)}</strong>{' '}
        <span className="muted">({zoneDescription(props.timeZone)})</span>
      </p>
      <FormErrorsContext.Provider value={errors}>
        <fieldset>
          <legend>Patient</legend>
          {!creating && (
            <>
              <form onSubmit={onSearch} className="search__row patient-search" role="search" aria-label="Patients">
                <TextField
                  name="patientSearch"
                  also={['patientId']}
                  label="Find patient"
                  hint="Name or email"
                  type="search"
                  value={query}
                  onChange={setQuery}
                  autoComplete="off"
                />
                <button type="submit" className="btn" disabled={searching}>
                  Search
                </button>
              </form>
              {searching && <Loading label="Searching…" />}
              {results && !searching && (
                <div id={resultsId} aria-live="polite">
                  {results.length === 0 ? (
                    <p className="muted">No patient matches “{query.trim()}”.</p>
                  ) : (
                    <div role="radiogroup" aria-label="Matching patients" className="choices">
                      {results.map((p) => (
                        <label key={p.id} className="choice choice--compact">
                          <input
                            type="radio"
                            name="patientId"
                            value={p.id}
                            checked={patient?.id === p.id}
                            onChange={() => setPatient(p)}
                          />
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
              setCreating((c) => !c);
              setErrors({});
            }}
          >
            {creating ? 'Find an existing patient' : 'New patient'}
          </button>
          {creating && (
            <div className="grid-2 new-patient">
              <TextField
                name="firstName"
                label="First name"
                value={newPatient.firstName}
                onChange={(v) => setNewPatient((p) => ({ ...p, firstName: v }))}
                autoComplete="off"
                required
              />
              <TextField
                name="lastName"
                label="Last name"
                value={newPatient.lastName}
                onChange={(v) => setNewPatient((p) => ({ ...p, lastName: v }))}
                autoComplete="off"
                required
              />
              <TextField
                name="email"
                label="Email"
                type="email"
                value={newPatient.email}
                onChange={(v) => setNewPatient((p) => ({ ...p, email: v }))}
                autoComplete="off"
              />
              <TextField
                name="phone"
                label="Phone"
                type="tel"
                value={newPatient.phone}
                onChange={(v) => setNewPatient((p) => ({ ...p, phone: v }))}
                autoComplete="off"
              />
            </div>
          )}
        </fieldset>
        <div className="grid-2">
          <SelectField
            name="practitionerId"
            label="Practitioner"
            value={practitionerId}
            onChange={setPractitionerId}
            options={props.practitioners.map((p) => ({ value: p.id, label: p.displayName }))}
            placeholder="Any available practitioner"
          />
          <SelectField
            name="serviceId"
            label="Service"
            value={serviceId}
            onChange={setServiceId}
            options={serviceOptions}
            placeholder={services.loading ? 'Loading services…' : 'Choose a service'}
            required
          />
          <SelectField
            name="bookingSource"
            label="Source"
            value={source}
            onChange={(v) => setSource(v as StaffSource)}
            options={SOURCES}
          />
        </div>
        <TextAreaField name="notes" label="Notes (optional)" value={notes} onChange={setNotes} rows={2} maxLength={1000} />
      </FormErrorsContext.Provider>
      {problem && <ProblemAlert problem={problem} />}
      <div className="actions">
        <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={busy}>
          Book
        </button>
      </div>
    </Modal>
  );
}
