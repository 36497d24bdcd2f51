import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { bookingApi, calendarApi, missingFormsOf, statusLabel, type Appointment, type Slot, type StaffStatusAction } from '../../api/booking';
import type { MissingForm } from '../../api/forms';
import { isApiError, problemOf, staleAppointmentProblem } from '../../api/errors';
import { invoicesApi } from '../../api/invoices';
import { formatMoney } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApi, useAuth } from '../../auth/AuthContext';
import { SlotPicker } from '../../booking/SlotPicker';
import { useClock } from '../../booking/clock';
import { longDateLabel, localDate, zoneDescription } from '../../booking/time';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';
import { TextAreaField, TextField } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import { statusReasonText, type PatientAppointment } from '../../patient/appointmentExtras';
import { CheckedInWithFormsMissing, MissingFormsList, OverrideDialog, formNames } from './MissingForms';
import { actionsFor } from './statusRules';

const SOURCE_LABELS: Record<string, string> = { online: 'Online', phone: 'Phone', 'walk-in': 'Walk-in', admin: 'Admin' };

/** Details of one appointment and the status changes legal for it (and for the person's role). */
export function AppointmentPanel(props: {
  appointment: Appointment;
  timeZone: string;
  roomName?: string;
  onClose: () => void;
  onChanged: (a: Appointment) => void;
}) {
  const clock = useClock();
  const api = useApi();
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const [appointment, setAppointment] = useState(props.appointment);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [reason, setReason] = useState('');
  const [moving, setMoving] = useState(false);
  const [slot, setSlot] = useState<Slot | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const [editingNotes, setEditingNotes] = useState(false);
  const [notesDraft, setNotesDraft] = useState(props.appointment.notes ?? '');
  /** Forms still missing when the patient was checked in: the warning shown after the change. */
  const [checkedInMissing, setCheckedInMissing] = useState<MissingForm[]>([]);
  /** A completion refused for missing consents: the forms, while the person gives a reason or thinks again. */
  const [refusedFor, setRefusedFor] = useState<MissingForm[] | null>(null);
  const a = appointment;
  const missing = missingFormsOf(a);
  const why = statusReasonText(a as PatientAppointment) ?? ((a.status === 'cancelled' || a.status === 'no-show') && (a as PatientAppointment).statusReason) ?? null;

  /** The saved copy is shown here and the calendar reloads. */
  function changed(saved: Appointment) {
    setAppointment(saved);
    props.onChanged(saved);
  }

  /** After a stale save: the fresh copy (and its version); the calendar reloads by itself if it cannot be read. */
  async function loadFresh(): Promise<Appointment | null> {
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: queryKeys.booking.appointment(a.id),
        queryFn: () => bookingApi.appointment(api, a.id),
        staleTime: 0,
      });
      changed(fresh);
      return fresh;
    } catch {
      return null;
    }
  }

  /** Every write starts with a clean slate of messages. */
  function starting() {
    setProblem(null);
    setDone('');
    setCheckedInMissing([]);
  }

  const saveNotes = useMutation({
    mutationFn: () => bookingApi.updateNotes(api, a, notesDraft),
    onMutate: starting,
    onSuccess: (saved) => {
      changed(saved);
      setEditingNotes(false);
      setDone(saved.notes ? 'Notes saved.' : 'Notes cleared.');
    },
    onError: (e) => {
      if (isApiError(e) && e.isConcurrencyConflict) {
        // Someone changed it meanwhile: show theirs, keep what was typed, and let the person save again.
        setProblem(staleAppointmentProblem(e.status, 'The latest version is shown now. Your notes are still in the box; save again to keep them.'));
        void loadFresh();
      } else {
        setProblem(problemOf(e));
      }
    },
  });

  const reschedule = useMutation({
    mutationFn: (to: Slot) =>
      bookingApi.reschedule(api, a, { startTime: to.startTime, practitionerId: a.practitionerId || undefined, notes: a.notes ?? undefined }),
    onMutate: starting,
    onSuccess: (moved) => {
      changed(moved);
      setMoving(false);
      setSlot(null);
      setDone(`Moved to ${clock.longDateTime(moved.startTime, props.timeZone)}.`);
    },
    onError: async (e) => {
      setSlot(null);
      if (isApiError(e) && e.isConcurrencyConflict) {
        // Our copy was out of date: take the fresh one (and its version) and say so in plain words.
        setProblem(staleAppointmentProblem(e.status, 'The latest version is shown now. Check it, then choose the new time again.'));
        const fresh = await loadFresh();
        if (fresh && !(fresh.allowedActions ?? []).includes('reschedule')) setMoving(false);
      } else {
        setProblem(problemOf(e));
      }
    },
    // The times load again either way: the one chosen may be gone.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability }),
  });

  const setStatus = useMutation({
    mutationFn: (status: StaffStatusAction) =>
      calendarApi.setStatus(api, a.id, status, status === 'cancelled' ? reason.trim() || undefined : undefined),
    onMutate: starting,
    onSuccess: (updated) => {
      changed(updated);
      setConfirmCancel(false);
      setDone(`Status changed to ${statusLabel(updated.status)}.`);
      // Checked in with forms still missing: the answer names them, to ask for them before the treatment.
      if (updated.status === 'arrived') setCheckedInMissing(missingFormsOf(updated));
    },
    onError: (e, status) => {
      const refused = isApiError(e) && e.status === 409 && status === 'completed' ? missingFormsOf(e.problem.extensions) : [];
      if (refused.length > 0) setRefusedFor(refused);
      else setProblem(problemOf(e));
    },
  });

  /** Completes the visit without the missing consents: the reason goes to the audit log. */
  const override = useMutation({
    mutationFn: (reason: string) => calendarApi.setStatus(api, a.id, 'completed', undefined, reason),
    onMutate: starting,
    onSuccess: (updated) => {
      const names = formNames(refusedFor ?? []);
      changed(updated);
      setRefusedFor(null);
      setDone(`Status changed to ${statusLabel(updated.status)} without ${names}. Your reason is recorded in the audit log.`);
    },
  });

  const busy = saveNotes.isPending || reschedule.isPending || setStatus.isPending || override.isPending;
  const change = (status: StaffStatusAction) => setStatus.mutate(status);
  const actions = actionsFor(a.allowedActions);
  const canReschedule = (a.allowedActions ?? []).includes('reschedule');

  useEffect(() => {
    if (slot) confirmRef.current?.focus();
  }, [slot]);

  return (
    <>
      <Modal title={`${a.serviceName} — ${a.patientName}`} onClose={props.onClose} wide={moving}>
        <dl className="facts">
          <dt>Patient</dt>
          <dd>
            {a.patientName}
            {a.patientId && (
              <>
                {' '}
                <Link className="btn btn--small" to={`/staff/patients/${encodeURIComponent(a.patientId)}`}>
                  Open patient card
                </Link>
              </>
            )}
          </dd>
          <dt>When</dt>
          <dd>
            {longDateLabel(localDate(a.startTime, props.timeZone))}, {clock.time(a.startTime, props.timeZone)}–
            {clock.time(a.endTime, props.timeZone)}
          </dd>
          <dt>Treatment</dt>
          <dd>{a.serviceName}</dd>
          <dt>Practitioner</dt>
          <dd>{a.practitionerName || '—'}</dd>
          {props.roomName && (
            <>
              <dt>Room</dt>
              <dd>{props.roomName}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd>
            <span className={`status status--${a.status}`}>{statusLabel(a.status)}</span>
            {(a.status === 'arrived' || a.status === 'completed') && (me?.role === 'admin' || me?.role === 'frontdesk') && (
              <>
                {' '}
                <Link className="btn btn--small btn--primary" to={`/staff/checkout/${encodeURIComponent(a.id)}`}>
                  Check out
                </Link>
              </>
            )}
            {a.lateCancellation && <span className="muted"> · late cancellation</span>}
            {why && <span className="muted"> · {why}</span>}
            {(a.status === 'no-show' || (a.status === 'cancelled' && a.lateCancellation)) && (me?.role === 'admin' || me?.role === 'frontdesk') && (
              <MissedVisitFee appointmentId={a.id} noShow={a.status === 'no-show'} />
            )}
          </dd>
          {missing.length > 0 && (
            <>
              <dt>Forms missing</dt>
              <dd>
                <MissingFormsList forms={missing} label="Forms missing for this appointment" />
              </dd>
            </>
          )}
          {a.bookingSource && (
            <>
              <dt>Booked by</dt>
              <dd>{SOURCE_LABELS[a.bookingSource] ?? a.bookingSource}</dd>
            </>
          )}
          {a.depositAmount && (
            <>
              <dt>Deposit</dt>
              <dd>{formatMoney(a.depositAmount)}</dd>
            </>
          )}
          {a.checkInCode && (
            <>
              <dt>Check-in code</dt>
              <dd>
                <code>{a.checkInCode}</code>
              </dd>
            </>
          )}
          <dt>Notes</dt>
          <dd>
            {editingNotes ? (
              <>
                <TextAreaField name="notes" label="Notes for this appointment" value={notesDraft} onChange={setNotesDraft} rows={3} maxLength={2000} />
                <div className="actions">
                  <button type="button" className="btn btn--primary" onClick={() => saveNotes.mutate()} disabled={busy}>
                    Save notes
                  </button>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => {
                      setEditingNotes(false);
                      setNotesDraft(a.notes ?? '');
                    }}
                    disabled={busy}
                  >
                    Keep as it was
                  </button>
                </div>
              </>
            ) : (
              <>
                <span style={{ whiteSpace: 'pre-line' }}>{a.notes || <span className="muted">None</span>}</span>{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => {
                    setNotesDraft(a.notes ?? '');
                    setEditingNotes(true);
                  }}
                >
                  {a.notes ? 'Edit notes' : 'Add notes'}
                </button>
              </>
            )}
          </dd>
        </dl>

        {done && <StatusMessage>{done}</StatusMessage>}
        <CheckedInWithFormsMissing patientName={a.patientName} forms={checkedInMissing} />
        {problem && <ProblemAlert problem={problem} />}

        {moving ? (
          <section className="reschedule" aria-labelledby="reschedule-h">
            <h3 id="reschedule-h">Choose a new time</h3>
            <SlotPicker
              serviceId={a.serviceId}
              locationId={a.locationId}
              practitionerId={a.practitionerId || undefined}
              timeZone={props.timeZone}
              selected={slot?.startTime ?? null}
              excludeStart={a.startTime}
              onPick={(s) => {
                setSlot(s);
                setProblem(null);
              }}
            />
            {slot && (
              <p className="reschedule__new" aria-live="polite">
                New time: <strong>{clock.longDateTime(slot.startTime, props.timeZone)}</strong>{' '}
                <span className="muted">({zoneDescription(props.timeZone)})</span>
              </p>
            )}
            <div className="actions">
              <button type="button" className="btn btn--primary" ref={confirmRef} onClick={() => slot && reschedule.mutate(slot)} disabled={!slot || busy}>
                Confirm new time
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setMoving(false);
                  setSlot(null);
                }}
                disabled={busy}
              >
                Keep current time
              </button>
            </div>
          </section>
        ) : confirmCancel ? (
          <div className="notice">
            <p>
              <strong>Cancel this appointment?</strong> The patient’s time is released.
            </p>
            <TextField name="reason" label="Reason (optional)" value={reason} onChange={setReason} maxLength={500} />
            <div className="actions">
              <button type="button" className="btn btn--danger" onClick={() => change('cancelled')} disabled={busy}>
                Cancel appointment
              </button>
              <button type="button" className="btn" onClick={() => setConfirmCancel(false)} disabled={busy}>
                Keep appointment
              </button>
            </div>
          </div>
        ) : (
          <>
            {canReschedule && (
              <div className="actions">
                <button type="button" className="btn" disabled={busy} onClick={() => setMoving(true)}>
                  Reschedule
                </button>
              </div>
            )}
            {actions.length > 0 ? (
          <div className="actions" role="group" aria-label="Change status">
            {actions.map((action) => (
              <button
                key={action.status}
                type="button"
                className={action.status === 'cancelled' || action.status === 'no-show' ? 'btn btn--danger' : 'btn btn--primary'}
                disabled={busy}
                onClick={() => (action.status === 'cancelled' ? setConfirmCancel(true) : change(action.status))}
              >
                {action.label}
              </button>
            ))}
          </div>
        ) : (
          <p className="muted">No status changes are possible for this appointment.</p>
        )}
          </>
        )}
      </Modal>
      {refusedFor && (
        <OverrideDialog
          forms={refusedFor}
          patientName={a.patientName}
          busy={override.isPending}
          error={override.error}
          onConfirm={(reason) => override.mutate(reason)}
          onCancel={() => {
            setRefusedFor(null);
            override.reset();
          }}
        />
      )}
    </>
  );
}

/**
 * Charges a no-show or late-cancellation fee to the patient's card on file, under the policy they accepted when booking
 * online. The server decides whether there is a fee and a card; what it says is shown as it is.
 */
function MissedVisitFee(props: { appointmentId: string; noShow: boolean }) {
  const api = useApi();
  const charge = useMutation({ mutationFn: () => invoicesApi.chargeMissedVisitFee(api, props.appointmentId) });
  const what = props.noShow ? 'no-show fee' : 'late cancellation fee';
  if (charge.isSuccess) {
    const invoice = charge.data;
    return (
      <StatusMessage>
        {invoice.status === 'paid' ? 'Charged' : 'Owed'}: {formatMoney({ amount: invoice.totals.total, currency: invoice.currency })} {what} on{' '}
        <Link to={`/staff/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.invoiceNumber}</Link>.
      </StatusMessage>
    );
  }
  return (
    <>
      {' '}
      <button type="button" className="btn btn--small" disabled={charge.isPending} onClick={() => charge.mutate()}>
        {charge.isPending ? 'Charging…' : `Charge ${what}`}
      </button>
      {charge.isError && <ProblemAlert problem={problemOf(charge.error)} />}
    </>
  );
}
