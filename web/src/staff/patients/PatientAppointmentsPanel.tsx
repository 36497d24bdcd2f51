import { useQuery } from '@tanstack/react-query';
import { missingFormsOf, statusLabel, type Appointment } from '../../api/booking';
import { patientsApi } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem } from '../../ui/Alert';
import { formNames } from '../calendar/MissingForms';
import { ScrollTable } from '../../ui/ScrollTable';
import { CountedSection } from './CountedSection';

const GROUPS = [
  { key: 'upcoming', title: 'Upcoming', empty: 'No upcoming appointments.' },
  { key: 'past', title: 'Past', empty: 'No past appointments.' },
  { key: 'cancelled', title: 'Cancelled', empty: 'No cancelled appointments.' },
] as const;

/** The Appointments tab: upcoming, past and cancelled, with the no-shows and late cancellations the desk watches. */
export function PatientAppointmentsPanel({ patientId }: { patientId: string }) {
  const api = useApi();
  const history = useQuery({
    queryKey: queryKeys.patients.appointments(patientId),
    queryFn: ({ signal }) => patientsApi.appointments(api, patientId, signal),
  });

  if (history.isPending) return <Loading label="Loading appointments…" />;
  if (history.isError) return <LoadProblem error={history.error} retry={() => void history.refetch()} />;
  const h = history.data;

  return (
    <div className="patient-appointments">
      <dl className="patient-counts">
        <div className={h.noShows > 0 ? 'is-flagged' : undefined}>
          <dt>No-shows</dt>
          <dd>{h.noShows}</dd>
        </div>
        <div className={h.lateCancellations > 0 ? 'is-flagged' : undefined}>
          <dt>Late cancellations</dt>
          <dd>{h.lateCancellations}</dd>
        </div>
      </dl>
      {GROUPS.map((g) => (
        <AppointmentGroup key={g.key} title={g.title} empty={g.empty} items={h[g.key]} showMissingForms={g.key === 'upcoming'} />
      ))}
    </div>
  );
}

function AppointmentGroup(props: { title: string; empty: string; items: Appointment[]; showMissingForms?: boolean }) {
  const clock = useClock();
  return (
    <CountedSection title={props.title} count={props.items.length} className="patient-appointments__group">
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ScrollTable label={`${props.title} appointments`} columns={['When', 'Treatment', 'Practitioner', 'Location', 'Status']}>
          {props.items.map((a) => (
            <tr key={a.id}>
              {/* Times are the location's: the API writes them with its offset. */}
              <td className="nowrap">
                {clock.dateTime(a.startTime)}–{clock.time(a.endTime)}
              </td>
              <th scope="row">{a.serviceName}</th>
              <td>{a.practitionerName || <span className="muted">Any available</span>}</td>
              <td>{a.locationName}</td>
              <td>
                <span className={`status status--${a.status}`}>{statusLabel(a.status)}</span>
                {a.lateCancellation && <span className="late-flag"> Late cancellation</span>}
                {props.showMissingForms && missingFormsOf(a).length > 0 && (
                  <span className="forms-flag">
                    {' '}
                    <span aria-hidden="true">⚠ </span>Forms missing: {formNames(missingFormsOf(a))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </CountedSection>
  );
}
