import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { TabList, TabPanel } from '../ui/TabList';
import { Link, useNavigate } from 'react-router-dom';
import { bookingApi, missingFormsOf, statusLabel, type Appointment, type Slot } from '../api/booking';
import { useBookingLocations, useMyAppointments, usePolicies } from '../api/bookingQueries';
import { isApiError, problemOf, staleAppointmentProblem } from '../api/errors';
import type { ProblemDetails } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useApi, useAuth } from '../auth/AuthContext';
import { SlotPicker } from '../booking/SlotPicker';
import { useClock } from '../booking/clock';
import { useNow } from '../booking/useNow';
import { zoneDescription } from '../booking/time';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../ui/Alert';
import { TextAreaField } from '../ui/Field';
import { Modal } from '../ui/Modal';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import {
  AddToCalendarLink,
  CheckInCodeDialog,
  directionsUrl,
  hasUsableCheckInCode,
  statusReasonText,
  type PatientAppointment,
} from './appointmentExtras';
import { fillPath } from './forms/MyFormsPage';
import './patientAppointments.css';
import { EmptyState } from '../ui/EmptyState';

type Tab = 'upcoming' | 'past' | 'cancelled';
const TABS: { id: Tab; label: string; empty: string }[] = [
  { id: 'upcoming', label: 'Upcoming', empty: 'No upcoming appointments' },
  { id: 'past', label: 'Past', empty: 'No past appointments' },
  { id: 'cancelled', label: 'Cancelled', empty: 'No cancelled appointments' },
];

export function cancellationPolicyText(hours: number): string {
  return `Cancelling less than ${hours} hours before may incur a fee.`;
}

/** /patient and /patient/appointments: the patient's appointments in three tabs, with reschedule and cancel. */
export function MyAppointmentsPage({ welcome = false }: { welcome?: boolean }) {
  const clock = useClock();
  const { me } = useAuth();
  const navigate = useNavigate();
  useDocumentTitle(welcome ? 'Your account' : 'My appointments');
  const mine = useMyAppointments();
  const data = mine.data;
  // Location zones and policies help the display; the page works without them.
  const locations = useBookingLocations();
  const zones = useMemo<Record<string, string>>(
    () => Object.fromEntries((locations.data ?? []).map((l) => [l.id, l.timeZone])),
    [locations.data],
  );
  const policies = usePolicies().data ?? null;
  const queryClient = useQueryClient();
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myAppointments });
  const [tab, setTab] = useState<Tab>('upcoming');
  const [message, setMessage] = useState('');
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [showingCode, setShowingCode] = useState<PatientAppointment | null>(null);
  const baseId = useId();


  const list = data?.[tab] ?? [];
  const current = TABS.find((t) => t.id === tab)!;

  return (
    <>
      {welcome && me ? <h1>Welcome, {me.displayName || me.email}</h1> : <h1>My appointments</h1>}
      <section aria-labelledby={`${baseId}-h`} className="panel">
        <div className="page-header">
          <h2 id={`${baseId}-h`}>{welcome ? 'Your appointments' : 'Appointments'}</h2>
          <button type="button" className="btn btn--primary" onClick={() => navigate('/patient/book')}>
            Book an appointment
          </button>
        </div>
        {message && <StatusMessage>{message}</StatusMessage>}
        <TabList label="Appointments" tabs={TABS} selected={tab} onSelect={setTab} baseId={baseId} />
        {TABS.map((t) => (
          <TabPanel key={t.id} baseId={baseId} id={t.id} selected={tab}>
            {tab !== t.id ? null : mine.isPending ? (
              <Loading label="Loading your appointments…" />
            ) : mine.isError ? (
              <LoadProblem error={mine.error} retry={() => void mine.refetch()} />
            ) : list.length === 0 ? (
              <EmptyState title={current.empty}>
                {tab === 'upcoming' && <p className="muted">Book a treatment and it will show up here.</p>}
              </EmptyState>
            ) : (
              <ul className="appt-list">
                {list.map((a) => (
                  <AppointmentCard
                    key={a.id}
                    appointment={a}
                    timeZone={zones[a.locationId]}
                    actions={tab === 'upcoming'}
                    onCancel={() => setCancelling(a)}
                    onReschedule={() => setMoving(a)}
                    onShowCode={() => setShowingCode(a)}
                  />
                ))}
              </ul>
            )}
          </TabPanel>
        ))}
      </section>

      {cancelling && (
        <CancelDialog
          appointment={cancelling}
          timeZone={zones[cancelling.locationId]}
          onClose={() => setCancelling(null)}
          onCancelled={(a) => {
            setCancelling(null);
            setMessage(
              a.lateCancellation
                ? `Your ${a.serviceName} appointment was cancelled. It was less than ${policies?.cancellationNoticeHours ?? 'the notice'} hours before, so a fee may apply.`
                : `Your ${a.serviceName} appointment was cancelled.`,
            );
            reload();
          }}
        />
      )}
      {showingCode && (
        <CheckInCodeDialog appointment={showingCode} timeZone={zones[showingCode.locationId]} onClose={() => setShowingCode(null)} />
      )}
      {moving && (
        <RescheduleDialog
          appointment={moving}
          timeZone={zones[moving.locationId]}
          onClose={() => setMoving(null)}
          onMoved={(a) => {
            setMoving(null);
            setMessage(`Your ${a.serviceName} appointment is now on ${clock.longDateTime(a.startTime, zones[a.locationId])}.`);
            reload();
          }}
        />
      )}
    </>
  );
}

/** The forms the visit still needs from the patient (the appointment's `missingForms`), each a link to fill it in. */
function MissingFormsNote({ appointment }: { appointment: Appointment }) {
  const missing = missingFormsOf(appointment);
  if (missing.length === 0) return null;
  return (
    <div className="form-missing">
      <p className="appt-card__reason">Before your visit, please fill in:</p>
      <ul>
        {missing.map((f) => (
          <li key={f.formId}>
            <Link to={fillPath({ formId: f.formId, appointmentId: appointment.id })}>{f.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

function AppointmentCard(props: {
  appointment: PatientAppointment;
  timeZone?: string;
  actions: boolean;
  onCancel: () => void;
  onReschedule: () => void;
  onShowCode: () => void;
}) {
  const clock = useClock();
  const api = useApi();
  const a = props.appointment;
  const titleId = useId();
  const why = statusReasonText(a);
  const directions = directionsUrl(a);
  return (
    <li className="appt-card">
      <div className="appt-card__main">
        <h3 id={titleId} className="appt-card__title">
          {a.serviceName}
          <span className="sr-only">, {clock.longDateTime(a.startTime, props.timeZone)}</span>
        </h3>
        <p className="appt-card__when">{clock.longDateTime(a.startTime, props.timeZone)}</p>
        <p className="muted">
          {a.practitionerName ? `With ${a.practitionerName}` : 'Any available practitioner'}
          {a.locationName ? ` · ${a.locationName}` : ''}
        </p>
        {a.locationAddressText && <p className="muted appt-card__address">{a.locationAddressText}</p>}
        <p>
          <span className={`status status--${a.status}`}>{statusLabel(a.status)}</span>
          {why && <span className="appt-card__reason"> — {why}</span>}
          {a.status === 'cancelled' && a.lateCancellation && <span className="muted"> · Late cancellation</span>}
        </p>
        {why && (
          <p className="muted">
            This booking was released, not cancelled by you. <Link to="/patient/book">Book again</Link>
          </p>
        )}
        {props.actions && <MissingFormsNote appointment={a} />}
      </div>
      {props.actions && (
        <div className="appt-card__actions">
          {hasUsableCheckInCode(a) && (
            <button type="button" className="btn btn--small btn--primary" aria-describedby={titleId} onClick={props.onShowCode}>
              Check-in code
            </button>
          )}
          <AddToCalendarLink api={api} appointment={a} describedBy={titleId} />
          {directions && (
            <a className="btn btn--small" href={directions} target="_blank" rel="noopener noreferrer" aria-describedby={titleId}>
              Directions<span className="sr-only"> (opens in a new tab)</span>
            </a>
          )}
          {a.status === 'pending-deposit' && (
            <Link className="btn btn--small btn--primary" to={`/patient/book?pay=${encodeURIComponent(a.id)}`} aria-describedby={titleId}>
              Pay deposit
            </Link>
          )}
          {a.allowedActions?.includes('reschedule') && (
            <button type="button" className="btn btn--small" aria-describedby={titleId} onClick={props.onReschedule}>
              Reschedule
            </button>
          )}
          {a.allowedActions?.includes('cancelled') && (
            <button type="button" className="btn btn--small btn--danger" aria-describedby={titleId} onClick={props.onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}

function CancelDialog(props: {
  appointment: Appointment;
  timeZone?: string;
  onClose: () => void;
  onCancelled: (a: Appointment) => void;
}) {
  const clock = useClock();
  const api = useApi();
  const a = props.appointment;
  const [reason, setReason] = useState('');
  const policies = usePolicies().data;
  const keepRef = useRef<HTMLButtonElement>(null);
  const policyId = useId();
  const cancel = useMutation({
    mutationFn: () => bookingApi.cancel(api, a.id, reason),
    onSuccess: props.onCancelled,
  });

  const hours = policies?.cancellationNoticeHours;
  const now = useNow(60_000);
  const late = hours !== undefined && Date.parse(a.startTime) - now < hours * 3600_000;
  const busy = cancel.isPending || cancel.isSuccess;
  const problem = cancel.isError ? problemOf(cancel.error) : null;
  const confirm = () => cancel.mutate();

  return (
    <Modal title="Cancel appointment?" onClose={props.onClose} initialFocus={keepRef} describedBy={policyId}>
      <p>
        <strong>{a.serviceName}</strong> on {clock.longDateTime(a.startTime, props.timeZone)}
        {a.practitionerName ? ` with ${a.practitionerName}` : ''}.
      </p>
      <div id={policyId} className="notice">
        {hours !== undefined ? (
          <p>{cancellationPolicyText(hours)}</p>
        ) : (
          <p>Cancelling at short notice may incur a fee.</p>
        )}
        {late && (
          <p>
            <strong>This appointment is less than {hours} hours away, so a fee may apply.</strong>
          </p>
        )}
      </div>
      <TextAreaField name="reason" label="Reason (optional)" value={reason} onChange={setReason} rows={2} maxLength={500} />
      {problem && <ProblemAlert problem={problem} />}
      <div className="actions">
        <button type="button" className="btn btn--danger" onClick={() => void confirm()} disabled={busy}>
          Cancel appointment
        </button>
        <button type="button" className="btn" onClick={props.onClose} ref={keepRef} disabled={busy}>
          Keep appointment
        </button>
      </div>
    </Modal>
  );
}

function RescheduleDialog(props: {
  appointment: Appointment;
  timeZone?: string;
  onClose: () => void;
  onMoved: (a: Appointment) => void;
}) {
  const clock = useClock();
  const api = useApi();
  const queryClient = useQueryClient();
  const [appointment, setAppointment] = useState(props.appointment);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [zone, setZone] = useState(props.timeZone ?? '');
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (slot) confirmRef.current?.focus();
  }, [slot]);

  const move = useMutation({
    mutationFn: (to: Slot) =>
      bookingApi.reschedule(api, appointment, {
        startTime: to.startTime,
        practitionerId: appointment.practitionerId || undefined,
        notes: appointment.notes ?? undefined,
      }),
    onSuccess: props.onMoved,
    onError: (e) => {
      setSlot(null);
      if (isApiError(e) && e.isConcurrencyConflict) {
        // Our copy was out of date: take the fresh one (and its etag) and say so in plain words.
        setProblem(staleAppointmentProblem(e.status, 'We have loaded the latest version. Please choose the new time again.'));
        queryClient
          .fetchQuery({ queryKey: queryKeys.booking.appointment(appointment.id), queryFn: () => bookingApi.appointment(api, appointment.id), staleTime: 0 })
          .then(setAppointment, () => {});
      } else {
        setProblem(problemOf(e));
      }
    },
    // The times load again either way: the one chosen may be gone.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability }),
  });
  const busy = move.isPending || move.isSuccess;

  function confirm() {
    if (!slot) return;
    setProblem(null);
    move.mutate(slot);
  }

  return (
    <Modal title={`Reschedule ${appointment.serviceName}`} onClose={props.onClose} wide>
      <p>
        Now: <strong>{clock.longDateTime(appointment.startTime, zone || props.timeZone)}</strong>
        {appointment.practitionerName ? ` with ${appointment.practitionerName}` : ''}
      </p>
      {problem && <ProblemAlert problem={problem} />}
      <SlotPicker
        serviceId={appointment.serviceId}
        locationId={appointment.locationId}
        practitionerId={appointment.practitionerId || undefined}
        timeZone={props.timeZone ?? ''}
        selected={slot?.startTime ?? null}
        excludeStart={appointment.startTime}
        onPick={(s, tz) => {
          setSlot(s);
          setZone(tz);
          setProblem(null);
        }}
      />
      {slot && (
        <p className="reschedule__new" aria-live="polite">
          New time: <strong>{clock.longDateTime(slot.startTime, zone)}</strong>{' '}
          <span className="muted">({zoneDescription(zone)})</span>
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void confirm()}
          disabled={!slot || busy}
          ref={confirmRef}
        >
          Confirm new time
        </button>
        <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
          Keep current time
        </button>
      </div>
    </Modal>
  );
}
