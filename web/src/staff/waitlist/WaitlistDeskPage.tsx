import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useBookingLocations } from '../../api/bookingQueries';
import { problemOf } from '../../api/errors';
import type { PatientListItem } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { waitlistApi, type WaitlistEntry } from '../../api/waitlist';
import { useApi } from '../../auth/AuthContext';
import { longDateLabel } from '../../booking/time';
import { JoinWaitlistForm } from '../../patient/waitlist/JoinWaitlistForm';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ScrollTable } from '../../ui/ScrollTable';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PatientFinder } from '../patients/PatientSearchResults';

/**
 * /staff/waitlist — the desk's waitlist (desktop): who waits for what at a location, with the time offered to them if
 * any; a patient added on the phone's behalf (found by name, email or phone); an entry taken off after asking.
 */
export function WaitlistDeskPage() {
  useDocumentTitle('Waitlist');
  const api = useApi();
  const queryClient = useQueryClient();
  const locations = useBookingLocations();
  const [locationId, setLocationId] = useState('');
  const chosenLocation = locationId || locations.data?.[0]?.id || '';
  const entries = useApiQuery(queryKeys.booking.waitlistAt(chosenLocation), (client, signal) => waitlistApi.atLocation(client, chosenLocation, signal), {
    enabled: !!chosenLocation,
  });
  const [flash, setFlash] = useState('');
  const [removing, setRemoving] = useState<WaitlistEntry | null>(null);
  const remove = useMutation({
    mutationFn: (entry: WaitlistEntry) => waitlistApi.leave(api, entry.id),
    onSuccess: (_, entry) => {
      setRemoving(null);
      setFlash(`${entry.patientName} is off the waitlist for ${entry.serviceName}.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.waitlistAt(entry.locationId) });
    },
  });
  const selectId = useId();

  return (
    <section aria-labelledby="waitlist-h">
      <h1 id="waitlist-h">Waitlist</h1>
      <p className="muted">When a booked time is cancelled, the first few matching patients are told by text and email; the first to accept gets it.</p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {locations.isError ? (
        <LoadProblem error={locations.error} retry={() => void locations.refetch()} />
      ) : (
        <div className="field">
          <label htmlFor={selectId}>Location</label>
          <select id={selectId} value={chosenLocation} onChange={(e) => setLocationId(e.target.value)}>
            {(locations.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {!chosenLocation || entries.isPending ? (
        <Loading label="Loading the waitlist…" />
      ) : entries.isError ? (
        <LoadProblem error={entries.error} retry={() => void entries.refetch()} />
      ) : entries.data.length === 0 ? (
        <p className="muted">No one is waiting at this location.</p>
      ) : (
        <ScrollTable label="Patients waiting" columns={['Patient', 'Treatment', 'Days', 'Times', 'With', 'Status', <span className="sr-only">Actions</span>]}>
            {entries.data.map((e) => (
              <tr key={e.id}>
                <td>{e.patientName}</td>
                <td>{e.serviceName}</td>
                <td>{e.fromDate === e.toDate ? longDateLabel(e.fromDate) : `${longDateLabel(e.fromDate)} to ${longDateLabel(e.toDate)}`}</td>
                <td>{e.timesOfDay.length === 3 ? 'Any' : e.timesOfDay.join(', ')}</td>
                <td>{e.practitionerName ?? 'Anyone'}</td>
                <td>{e.status === 'offered' ? 'Time offered' : 'Waiting'}</td>
                <td>
                  <button type="button" className="btn btn--small" onClick={() => setRemoving(e)}>
                    Remove <span className="sr-only">{e.patientName} from the waitlist for {e.serviceName}</span>
                  </button>
                </td>
              </tr>
            ))}
        </ScrollTable>
      )}
      <AddPatient onAdded={(entry) => setFlash(`${entry.patientName} is on the waitlist for ${entry.serviceName}.`)} />
      {removing && (
        <ConfirmDialog
          title={`Take ${removing.patientName} off the waitlist?`}
          confirmLabel="Take off the waitlist"
          cancelLabel="Keep them on it"
          danger
          busy={remove.isPending}
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => setRemoving(null)}
        >
          <p>They will not be told when a time for {removing.serviceName} opens up.</p>
          {remove.isError && <ProblemAlert problem={problemOf(remove.error)} />}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Finds the patient, then the same form a patient fills for themselves, on their behalf. */
function AddPatient({ onAdded }: { onAdded: (entry: WaitlistEntry) => void }) {
  const [chosen, setChosen] = useState<PatientListItem | null>(null);

  return (
    <section aria-labelledby="add-h" className="panel">
      <h2 id="add-h">Add a patient</h2>
      {chosen ? (
        <>
          <p>
            Adding <strong>{`${chosen.firstName} ${chosen.lastName}`}</strong>{' '}
            <button type="button" className="btn btn--small" onClick={() => setChosen(null)}>
              Choose someone else
            </button>
          </p>
          <JoinWaitlistForm
            key={chosen.id}
            patientId={chosen.id}
            title={`${chosen.firstName} ${chosen.lastName} waits for`}
            onJoined={(entry) => {
              onAdded(entry);
              setChosen(null);
            }}
          />
        </>
      ) : (
        <PatientFinder label="Find a patient" hint="Name, email or phone." noMatch={(q) => `No patients match “${q}”.`} withPhone onChoose={setChosen} />
      )}
    </section>
  );
}
