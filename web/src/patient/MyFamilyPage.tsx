import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { statusLabel } from '../api/booking';
import { useBookingLocations } from '../api/bookingQueries';
import { problemOf } from '../api/errors';
import { patientLogApi, patientsApi, type FamilyMember } from '../api/patients';
import { queryKeys } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { useClock } from '../booking/clock';
import { Loading, LoadProblem } from '../ui/Alert';
import { EmptyState } from '../ui/EmptyState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { MyRecordPage } from './MyRecordPage';
import './patientAppointments.css';

/**
 * /patient/family — the children the patient acts for: the links on their own record whose relationship is child.
 * A child's record is readable only when it names the patient as parent or guardian, so reading it tells which
 * children the patient manages; each shows its upcoming appointments, "Edit details" and "Book for <name>".
 */
export function MyFamilyPage() {
  const { api, me } = useAuth();
  useDocumentTitle('My family');
  const patientId = me?.patientId ?? '';
  const family = useQuery({
    queryKey: queryKeys.patients.family(patientId),
    queryFn: ({ signal }) => patientLogApi.relationships(api, patientId, signal),
    enabled: !!patientId,
  });
  const children = (family.data ?? []).filter((m) => m.relationship === 'child');

  return (
    <MyRecordPage
      title="My family"
      linked={!!patientId}
      intro={<p className="muted">The children whose records the clinic has you down as parent or guardian on: their appointments, details and bookings.</p>}
    >
      {family.isPending ? (
        <Loading label="Loading your family…" />
      ) : family.isError ? (
        <LoadProblem error={family.error} retry={() => void family.refetch()} />
      ) : children.length === 0 ? (
        <EmptyState title="No children are linked to your record.">
          <p>Ask the clinic to link your child’s record to yours; you can then book for them here.</p>
        </EmptyState>
      ) : (
        <ul className="family-cards">
          {children.map((c) => (
            <li key={c.patientId}>
              <ChildCard member={c} />
            </li>
          ))}
        </ul>
      )}
    </MyRecordPage>
  );
}

function ChildCard({ member }: { member: FamilyMember }) {
  const { api } = useAuth();
  const clock = useClock();
  const headingId = useId();
  const record = useQuery({
    queryKey: queryKeys.patients.record(member.patientId),
    queryFn: ({ signal }) => patientsApi.get(api, member.patientId, signal),
  });
  const managed = record.isSuccess;
  const appointments = useQuery({
    queryKey: queryKeys.patients.appointments(member.patientId),
    queryFn: ({ signal }) => patientsApi.appointments(api, member.patientId, signal),
    enabled: managed,
  });
  const locations = useBookingLocations();
  const zones = useMemo<Record<string, string>>(() => Object.fromEntries((locations.data ?? []).map((l) => [l.id, l.timeZone])), [locations.data]);
  const name = record.data?.displayName ?? member.name;
  const notYours = record.isError && problemOf(record.error).status === 404;

  return (
    <section className="panel family-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {record.isPending ? (
        <Loading label={`Loading ${member.name}’s record…`} />
      ) : notYours ? (
        <p className="muted">The clinic has not recorded you as {member.name}’s parent or guardian, so you cannot manage their record here.</p>
      ) : record.isError ? (
        <LoadProblem error={record.error} retry={() => void record.refetch()} />
      ) : (
        <>
          <h3>Upcoming appointments</h3>
          {appointments.isPending ? (
            <Loading label="Loading appointments…" />
          ) : appointments.isError ? (
            <LoadProblem error={appointments.error} retry={() => void appointments.refetch()} />
          ) : appointments.data.upcoming.length === 0 ? (
            <p className="muted">No upcoming appointments.</p>
          ) : (
            <ul className="family-card__appointments">
              {appointments.data.upcoming.map((a) => (
                <li key={a.id}>
                  <strong>{a.serviceName}</strong>
                  <br />
                  <time dateTime={a.startTime}>{clock.dateTime(a.startTime, zones[a.locationId])}</time>
                  <span className="muted">
                    {' '}
                    · {a.practitionerName || 'Any available practitioner'} · {a.locationName} · {statusLabel(a.status)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <Link className="btn btn--primary" to={`/patient/book?for=${encodeURIComponent(member.patientId)}`}>
              Book for {name}
            </Link>
            <Link className="btn" to={`/patient/family/${encodeURIComponent(member.patientId)}`}>
              Edit details <span className="sr-only">for {name}</span>
            </Link>
          </div>
        </>
      )}
    </section>
  );
}
