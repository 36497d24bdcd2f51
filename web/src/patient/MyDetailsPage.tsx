import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormProvider } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { problemOf } from '../api/errors';
import { patientsApi, type PatientRecord } from '../api/patients';
import { queryKeys } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { PatientProfileFields } from '../staff/patients/PatientProfileFields';
import { usePatientProfileForm } from '../staff/patients/usePatientProfileForm';
import { Loading, ProblemAlert, StatusMessage } from '../ui/Alert';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { MyRecordPage } from './MyRecordPage';
import './patientAppointments.css';

/** Saves a JSON value as a file the person downloads. */
function saveJson(fileName: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * /patient/profile — "My details": the signed-in patient's own names, contacts, address and reminders, saved with
 * If-Match; what the clinic notes (allergies, alerts) shown, not edited; their data to download. /patient/family/:id is
 * the same form for a child's record the patient is parent or guardian on.
 */
export function MyDetailsPage() {
  const { id } = useParams();
  const { api, me } = useAuth();
  const patientId = id ?? me?.patientId ?? '';
  const own = !id || id === me?.patientId;
  const record = useQuery({
    queryKey: queryKeys.patients.record(patientId),
    queryFn: ({ signal }) => patientsApi.get(api, patientId, signal),
    enabled: !!patientId,
    // Read fresh each time the page opens, and never behind the person's back while they edit.
    staleTime: Infinity,
    gcTime: 0,
  });
  const title = own ? 'My details' : record.data ? `${record.data.displayName}’s details` : 'Details';
  useDocumentTitle(title);

  return (
    <MyRecordPage title={title} linked={!!patientId} back={own ? undefined : { to: '/patient/family', label: 'Back to my family' }}>
      {record.isPending ? (
        <Loading label="Loading the details…" />
      ) : record.isError ? (
        <ProblemAlert
          problem={
            problemOf(record.error).status === 404
              ? { title: 'This record was not found', status: 404, detail: 'It does not exist, or it is not one you manage.', errors: {} }
              : problemOf(record.error)
          }
        >
          <button type="button" className="btn" onClick={() => void record.refetch()}>
            Try again
          </button>
        </ProblemAlert>
      ) : (
        <>
          <DetailsForm record={record.data} own={own} reload={() => record.refetch().then((r) => r.data ?? null)} />
          <ClinicalNotes record={record.data} own={own} />
          {own && <YourData patientId={patientId} />}
        </>
      )}
    </MyRecordPage>
  );
}

function DetailsForm({ record, own, reload }: { record: PatientRecord; own: boolean; reload: () => Promise<PatientRecord | null> }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const { form, formRef, alertRef, problem, unmatched, done, saving, dirty, submit, undo } = usePatientProfileForm({
    record,
    reload,
    conflictTitle: own ? 'Your details changed since you opened them' : 'These details changed since you opened them',
    onSaved: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.family(record.id) });
      return own ? 'Your details are saved.' : `${saved.displayName}’s details are saved.`;
    },
  });

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        aria-busy={saving || undefined}
        className="panel my-details"
        onSubmit={(e) => void submit(e)}
      >
        <h2 id={headingId}>{own ? 'Your details' : 'Their details'}</h2>
        {problem && <ProblemAlert problem={problem} unmatched={unmatched} ref={alertRef} />}
        <fieldset className="plain" disabled={saving}>
          {/* A parent filling in a child's record should not get their own details offered. */}
          <PatientProfileFields audience="patient" autofill={own} />
        </fieldset>

        <div className="actions actions--form">
          <button type="submit" className="btn btn--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save details'}
          </button>
          {dirty && (
            <button
              type="button"
              className="btn"
              disabled={saving}
              onClick={undo}
            >
              Undo changes
            </button>
          )}
        </div>
        {done && !dirty && <StatusMessage>{done}</StatusMessage>}
      </form>
    </FormProvider>
  );
}

/** Allergies and alerts as the clinic recorded them: shown when there are any, changed only by the clinic. */
function ClinicalNotes({ record, own }: { record: PatientRecord; own: boolean }) {
  const allergies = record.allergies ?? [];
  const alerts = record.medicalAlerts ?? [];
  if (allergies.length === 0 && alerts.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="clinic-notes-h">
      <h2 id="clinic-notes-h">What the clinic has on file</h2>
      <p className="muted">{own ? 'If something here is wrong, tell the clinic at your next visit.' : 'If something here is wrong, tell the clinic at the next visit.'}</p>
      {allergies.length > 0 && (
        <>
          <h3>Allergies</h3>
          <ul>
            {allergies.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
      {alerts.length > 0 && (
        <>
          <h3>Medical alerts</h3>
          <ul>
            {alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The patient's copy of everything the clinic holds, and who has looked at it. */
function YourData({ patientId }: { patientId: string }) {
  const { api } = useAuth();
  const [done, setDone] = useState(false);
  const download = useMutation({
    mutationFn: () => patientsApi.exportRecord(api, patientId),
    onMutate: () => setDone(false),
    onSuccess: (data) => {
      saveJson(`medspa-record-${patientId}.json`, data);
      setDone(true);
    },
  });
  return (
    <section className="panel" aria-labelledby="your-data-h">
      <h2 id="your-data-h">Your data</h2>
      <p>Download a copy of everything the clinic holds about you, as a JSON file.</p>
      <div className="actions">
        <button type="button" className="btn" disabled={download.isPending} onClick={() => !download.isPending && download.mutate()}>
          {download.isPending ? 'Preparing…' : 'Download my data'}
        </button>
      </div>
      {download.isError && <ProblemAlert problem={problemOf(download.error)} />}
      {done && <StatusMessage>Your data was downloaded.</StatusMessage>}
      <p>
        <Link to="/patient/access-log">Who viewed my record</Link>
      </p>
    </section>
  );
}
