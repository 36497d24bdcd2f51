import { useState } from 'react';
import { calendarApi, statusLabel, type Appointment, type StaffStatusAction } from '../../api/booking';
import { problemOf } from '../../api/errors';
import { formatMoney } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { formatTime, longDateLabel, localDate } from '../../booking/time';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
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
  const api = useApi();
  const [appointment, setAppointment] = useState(props.appointment);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState('');
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [reason, setReason] = useState('');
  const a = appointment;
  const actions = actionsFor(a.allowedActions);

  async function change(status: StaffStatusAction) {
    setBusy(true);
    setProblem(null);
    setDone('');
    try {
      const updated = await calendarApi.setStatus(api, a.id, status, status === 'cancelled' ? reason.trim() || undefined : undefined);
      setAppointment(updated);
      setConfirmCancel(false);
      setDone(`Status changed to ${statusLabel(updated.status)}.`);
      props.onChanged(updated);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={`${a.serviceName} — ${a.patientName}`} onClose={props.onClose}>
      <dl className="facts">
        <dt>Patient</dt>
        <dd>{a.patientName}</dd>
        <dt>When</dt>
        <dd>
          {longDateLabel(localDate(a.startTime, props.timeZone))}, {formatTime(a.startTime, props.timeZone)}–
          {formatTime(a.endTime, props.timeZone)}
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
          {a.lateCancellation && <span className="muted"> · late cancellation</span>}
        </dd>
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
        {a.notes && (
          <>
            <dt>Notes</dt>
            <dd>{a.notes}</dd>
          </>
        )}
      </dl>

      {done && <StatusMessage>{done}</StatusMessage>}
      {problem && <ProblemAlert problem={problem} />}

      {confirmCancel ? (
        <div className="notice">
          <p>
            <strong>Cancel this appointment?</strong> The patient’s time is released.
          </p>
          <TextField name="reason" label="Reason (optional)" value={reason} onChange={setReason} maxLength={500} />
          <div className="actions">
            <button type="button" className="btn btn--danger" onClick={() => void change('cancelled')} disabled={busy}>
              Cancel appointment
            </button>
            <button type="button" className="btn" onClick={() => setConfirmCancel(false)} disabled={busy}>
              Keep appointment
            </button>
          </div>
        </div>
      ) : actions.length > 0 ? (
        <div className="actions" role="group" aria-label="Change status">
          {actions.map((action) => (
            <button
              key={action.status}
              type="button"
              className={action.status === 'cancelled' || action.status === 'no-show' ? 'btn btn--danger' : 'btn btn--primary'}
              disabled={busy}
              onClick={() => (action.status === 'cancelled' ? setConfirmCancel(true) : void change(action.status))}
            >
              {action.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted">No status changes are possible for this appointment.</p>
      )}
    </Modal>
  );
}
