import { Link } from 'react-router-dom';
import { missingFormsOf, type Appointment } from '../../api/booking';
import { formatMoney } from '../../api/money';
import { useClock } from '../../booking/clock';
import { zoneDescription } from '../../booking/time';
import { QrCode } from '../../ui/QrCode';
import { fillPath } from '../forms/MyFormsPage';

export function AppointmentFacts({ appointment, timeZone }: { appointment: Appointment; timeZone?: string }) {
  const clock = useClock();
  return (
    <dl className="facts">
      <dt>Treatment</dt>
      <dd>{appointment.serviceName}</dd>
      <dt>When</dt>
      <dd>
        {clock.longDateTime(appointment.startTime, timeZone)}
        {timeZone && <span className="muted"> ({zoneDescription(timeZone)})</span>}
      </dd>
      <dt>With</dt>
      <dd>{appointment.practitionerName || 'Any available practitioner'}</dd>
      <dt>Where</dt>
      <dd>{appointment.locationName}</dd>
      {appointment.depositAmount && (
        <>
          <dt>Deposit</dt>
          <dd>{formatMoney(appointment.depositAmount)}</dd>
        </>
      )}
    </dl>
  );
}

/** The last step: what was booked, and the check-in code as a QR code and as text. */
export function Confirmation({ appointment, timeZone, forName }: { appointment: Appointment; timeZone?: string; forName?: string }) {
  return (
    <div className="confirmation">
      {forName && <p className="booking-for">This appointment is for {forName}.</p>}
      {appointment.status === 'pending-approval' ? (
        <p>The clinic confirms bookings of new patients; we will let you know when they have approved it.</p>
      ) : (
        <p>We look forward to seeing you.</p>
      )}
      <AppointmentFacts appointment={appointment} timeZone={timeZone} />
      <FormsBeforeTheVisit appointment={appointment} forChild={Boolean(forName)} />
      {appointment.checkInCode && (
        <section className="check-in-code" aria-labelledby="check-in-h">
          <h2 id="check-in-h">Check in at the desk</h2>
          <p className="muted">Show this code at reception when you arrive.</p>
          <QrCode value={appointment.checkInCode} alt="Check-in code" />
          <p className="check-in-code__text">
            Code: <strong>{appointment.checkInCode}</strong>
          </p>
        </section>
      )}
      <div className="actions">
        <Link className="btn btn--primary" to="/patient/appointments">
          My appointments
        </Link>
      </div>
    </div>
  );
}

/** The forms the treatment needs and the patient has not filled yet: the links the confirmation message also carries. */
function FormsBeforeTheVisit({ appointment, forChild }: { appointment: Appointment; forChild: boolean }) {
  const forms = missingFormsOf(appointment);
  if (forms.length === 0) return null;
  const child = forChild ? `&for=${encodeURIComponent(appointment.patientId)}` : '';
  return (
    <section className="panel" aria-labelledby="forms-before-h">
      <h2 id="forms-before-h">Before your visit</h2>
      <p>Please fill in {forms.length === 1 ? 'this form' : 'these forms'} on your phone or computer; it takes a few minutes.</p>
      <ul>
        {forms.map((f) => (
          <li key={f.formId}>
            <Link to={fillPath({ formId: f.formId, appointmentId: appointment.id }) + child}>{f.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
