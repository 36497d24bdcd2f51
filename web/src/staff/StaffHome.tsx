import { Link } from 'react-router-dom';
import { useChartsToSign } from '../api/charts';
import { useAuth } from '../auth/AuthContext';
import { useClock } from '../booking/clock';
import { LoadProblem } from '../ui/Alert';
import { ROLE_LABELS, canEdit, staffNavFor } from '../auth/roles';
import { useDocumentTitle } from '../ui/useDocumentTitle';

const DESCRIPTIONS: Record<string, string> = {
  '/staff/calendar': 'the day and week at each location: book, check in and update appointments',
  '/staff/patients': 'each patient’s card: appointments, contact details, medical alerts and allergies',
  '/staff/locations': 'addresses, time zones, opening hours and closures',
  '/staff/team': 'people, roles, practitioner profiles, working hours and time off',
  '/staff/services': 'treatments, durations, prices, deposits and who performs them',
  '/staff/rooms': 'treatment rooms at each location',
  '/staff/equipment': 'devices that services need, and their maintenance',
  '/staff/audit': 'who read or changed protected records, and when',
};

/** /staff: a welcome. Links live only in the navigation so each link name is unique on the page. */
export function StaffHome() {
  const { me } = useAuth();
  useDocumentTitle('Staff');
  if (!me) return null;
  return (
    <section>
      <h1>Welcome, {me.displayName || me.email}</h1>
      <p className="muted">
        You are signed in as {ROLE_LABELS[me.role]}.{' '}
        {canEdit(me.role) ? 'You can add and change the clinic’s set-up.' : 'You can view the clinic’s set-up.'}
      </p>
      {(me.role === 'practitioner' || me.role === 'admin') && <ChartsToSign />}
      <ul className="cards">
        {staffNavFor(me.role).map((i) => (
          <li key={i.to} className="card">
            <h2>{i.label}</h2>
            <p>{DESCRIPTIONS[i.to]}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The charts still to sign, the first to lock first, each a link to the chart: the reminder where a practitioner starts
 * the day (it also goes to the outbox before the lock). Nothing is shown when there is nothing to sign.
 */
function ChartsToSign() {
  const clock = useClock();
  const toSign = useChartsToSign(true);
  if (toSign.isError) return <LoadProblem error={toSign.error} retry={() => void toSign.refetch()} />;
  if (!toSign.data || toSign.data.length === 0) return null;
  return (
    <section aria-labelledby="to-sign-h" className="panel">
      <h2 id="to-sign-h">Charts to sign ({toSign.data.length})</h2>
      <ul>
        {toSign.data.map((c) => (
          <li key={c.id}>
            <Link to={`/staff/charts/${encodeURIComponent(c.id)}`}>
              {c.templateName} · {c.serviceName} · {clock.dateTime(c.visitStart)}
            </Link>{' '}
            <span className="muted">
              {c.practitionerName} · locks unsigned {clock.dateTime(c.locksAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
