import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { TabList, TabPanel } from '../../ui/TabList';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError, problemOf } from '../../api/errors';
import { usePatientForms } from '../../api/forms';
import { PatientChartsPanel } from '../../charts/PatientChartsPanel';
import {
  ageOn,
  type MergeNote,
  birthDateLabel,
  formatPhone,
  patientStatusLabel,
  patientsApi,
  showsClinical,
  type PatientRecord,
} from '../../api/patients';
import type { ProblemDetails } from '../../api/problem';
import { invoicesApi } from '../../api/invoices';
import { queryKeys } from '../../api/queries';
import type { Role } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { todayIn } from '../../booking/time';
import { useNow } from '../../booking/useNow';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PatientAppointmentsPanel } from './PatientAppointmentsPanel';
import { PatientCommunicationsPanel } from './PatientCommunicationsPanel';
import { PatientDetailsForm } from './PatientDetailsForm';
import { PatientPhoto, PatientPhotoControl } from './PatientPhoto';
import { PatientFamilyPanel } from './PatientFamilyPanel';
import { PatientMembershipPanel } from './PatientMembershipPanel';
import { PatientFormsPanel } from './PatientFormsPanel';
import { formsMissingLabel } from './patientForms';
import { MergeWizard, dayLabel, movedLabel, undoableUntil } from './MergeWizard';
import './patients.css';

type Tab = 'appointments' | 'details' | 'forms' | 'communications' | 'family' | 'charts' | 'billing';

/** The card's tabs. */
const TABS: { id: Tab; label: string }[] = [
  { id: 'appointments', label: 'Appointments' },
  { id: 'details', label: 'Details' },
  { id: 'forms', label: 'Forms & consents' },
  { id: 'communications', label: 'Communications' },
  { id: 'family', label: 'Family' },
  { id: 'charts', label: 'Charts' },
  { id: 'billing', label: 'Billing' },
];

/** /staff/patients/:id — one patient's card: who they are (and, for clinicians, what to know first), then tabs. */
export function PatientCardPage() {
  const { id = '' } = useParams();
  const { api, me } = useAuth();
  // Read fresh each time the card opens, and never behind the person's back while they edit.
  const record = useQuery({
    queryKey: queryKeys.patients.record(id),
    queryFn: ({ signal }) => patientsApi.get(api, id, signal),
    staleTime: Infinity,
    gcTime: 0,
  });
  useDocumentTitle(record.data?.displayName ?? 'Patient');
  const role = me?.role ?? 'frontdesk';

  const backLink =
    role === 'practitioner' ? (
      <p className="back-link">
        <Link to="/staff/calendar">Back to the calendar</Link>
      </p>
    ) : (
      <p className="back-link">
        <Link to="/staff/patients">Back to patients</Link>
      </p>
    );

  if (record.isPending) {
    return (
      <section aria-busy="true">
        {backLink}
        <Loading label="Loading the patient’s card…" />
      </section>
    );
  }

  if (record.isError) {
    const problem = problemOf(record.error);
    return (
      <section>
        {backLink}
        <h1>{problem.status === 404 ? 'This patient was not found' : 'Could not load this patient'}</h1>
        <ProblemAlert problem={problem.status === 404 ? { ...problem, detail: 'The record does not exist, or it is not one you can open.' } : problem}>
          {problem.status !== 404 && (
            <button type="button" className="btn" onClick={() => void record.refetch()}>
              Try again
            </button>
          )}
        </ProblemAlert>
      </section>
    );
  }

  return <PatientCard record={record.data} role={role} backLink={backLink} reload={() => record.refetch().then((r) => r.data ?? null)} />;
}

function PatientCard(props: { record: PatientRecord; role: Role; backLink: React.ReactNode; reload: () => Promise<PatientRecord | null> }) {
  const { record: r, role } = props;
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const location = useLocation();
  const navigate = useNavigate();
  const baseId = useId();
  const [tab, setTab] = useState<Tab>('appointments');
  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash ?? null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [confirming, setConfirming] = useState<'archive' | 'restore' | null>(null);
  const [merging, setMerging] = useState(false);
  // The merge notes' Undo shows while the merge is under 30 days old (checked once a minute).
  const now = useNow(60_000, (r.mergedFrom ?? []).length > 0);
  const admin = role === 'admin';
  const mayMerge = (role === 'admin' || role === 'frontdesk') && !r.archived && !r.mergedInto;
  const covered = !!confirming || merging;
  // A sale without a visit (retail): a draft invoice for this patient, checked out like a visit's.
  const newSale = useMutation({
    mutationFn: () => invoicesApi.openForPatient(api, r.id),
    onSuccess: (invoice) => navigate(`/staff/invoices/${encodeURIComponent(invoice.id)}`),
    onError: (e) => setProblem(problemOf(e)),
  });
  // Charts are clinicians': the desk has no tab for them.
  // The desk does not chart; practitioners do not handle money.
  const tabs = TABS.filter((t) => !(role === 'frontdesk' && t.id === 'charts') && !(role === 'practitioner' && t.id === 'billing'));
  // Read for the header's badge on every tab; the Forms tab shows the same answer from the cache.
  const forms = usePatientForms(r.id);
  const missing = forms.data?.outstanding.length ?? 0;

  // Clear the one-time flash from history so a reload does not repeat it.
  useEffect(() => {
    if ((location.state as { flash?: string } | null)?.flash) navigate('.', { replace: true, state: null });
  }, [location.state, navigate]);


  /** The list shows archived patients differently: it reads again after a change. */
  const forgetLists = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.patients.all, predicate: (q) => q.queryKey[1] === 'list' || q.queryKey[1] === 'search' });

  /** After a merge or its undo: this record as the API answered, and everything read about patients read again. */
  const afterMergeChange = (saved: PatientRecord) => {
    queryClient.setQueryData(queryKeys.patients.record(r.id), saved);
    void queryClient.invalidateQueries({ queryKey: queryKeys.patients.all, predicate: (q) => q.queryKey[1] !== 'record' || q.queryKey[2] !== r.id });
  };

  const unmerging = useMutation({
    mutationFn: (note: MergeNote) => patientsApi.unmerge(api, r.id, note.mergeId),
    onMutate: () => {
      setFlash(null);
      setProblem(null);
    },
    onSuccess: async (restored, note) => {
      afterMergeChange(restored);
      await props.reload();
      setFlash(`Merge undone. ${note.name} is a separate record again, with their appointments and forms.`);
    },
    onError: (err) => {
      const p = problemOf(err);
      setProblem(isApiError(err) && err.status === 409 ? { ...p, title: 'This merge cannot be undone' } : p);
    },
  });

  const givingAccess = useMutation({
    mutationFn: () => patientsApi.giveOnlineAccess(api, r.id),
    onMutate: () => {
      setFlash(null);
      setProblem(null);
    },
    onSuccess: (given) =>
      setFlash(
        given.alreadyHad
          ? `${r.displayName} already signs in online with ${given.email}.`
          : `${r.displayName} can now sign in online with ${given.email}: book, see their visits and fill in forms. They were sent a message saying how.`,
      ),
    onError: (err) => setProblem({ ...problemOf(err), title: 'Online access was not given' }),
  });

  const archiving = useMutation({
    mutationFn: async (action: 'archive' | 'restore') => {
      if (action === 'restore') return patientsApi.restore(api, r);
      await patientsApi.archive(api, r);
      // The answer is empty: the archived copy (and its new version) is read again.
      return patientsApi.get(api, r.id);
    },
    onMutate: () => {
      setFlash(null);
      setProblem(null);
    },
    onSuccess: (saved, action) => {
      setConfirming(null);
      queryClient.setQueryData(queryKeys.patients.record(r.id), saved);
      void forgetLists();
      setFlash(
        action === 'archive'
          ? `Archived ${saved.displayName}. The record is kept, but hidden from the patient list unless “Show archived” is ticked.`
          : `Restored ${saved.displayName}.`,
      );
    },
    onError: async (err) => {
      setConfirming(null);
      if (isApiError(err) && err.isConcurrencyConflict) {
        await props.reload();
        setProblem({
          title: 'This patient’s record changed since you opened it',
          status: err.status,
          detail: 'The latest version is shown. Check it, then try again.',
          errors: {},
        });
      } else {
        setProblem(problemOf(err));
      }
    },
  });

  return (
    <section className="patient-card" aria-labelledby={`${baseId}-name`}>
      <div aria-hidden={covered ? true : undefined} inert={covered ? true : undefined}>
        {props.backLink}
        {flash && <StatusMessage>{flash}</StatusMessage>}
        {problem && <ProblemAlert problem={problem} />}
        <PatientHeader
          record={r}
          nameId={`${baseId}-name`}
          flags={
            missing > 0 ? (
              <p className="patient-header__flags">
                <button type="button" className="badge badge--forms-missing" onClick={() => setTab('forms')}>
                  <span aria-hidden="true">⚠ </span>
                  {formsMissingLabel(missing)}
                  <span className="sr-only">: open Forms & consents</span>
                </button>
              </p>
            ) : null
          }
          actions={
            mayMerge || (admin && !r.archived) ? (
              <div className="actions patient-header__actions">
                {mayMerge && r.profileType !== 'contact' && (
                  <button type="button" className="btn" onClick={() => givingAccess.mutate()} disabled={givingAccess.isPending}>
                    {givingAccess.isPending ? 'Giving online access…' : 'Give online access'}
                  </button>
                )}
                {mayMerge && (
                  <button type="button" className="btn" onClick={() => setMerging(true)}>
                    Merge a duplicate…
                  </button>
                )}
                {mayMerge && (
                  <button type="button" className="btn" onClick={() => newSale.mutate()} disabled={newSale.isPending}>
                    {newSale.isPending ? 'Opening a sale…' : 'New sale'}
                  </button>
                )}
                {admin && !r.archived && (
                  <button type="button" className="btn btn--danger" onClick={() => setConfirming('archive')} disabled={archiving.isPending}>
                    Archive patient
                  </button>
                )}
              </div>
            ) : null
          }
        />
        {(r.mergedFrom ?? []).map((note) => (
          <div className="notice patient-merged" role="note" key={note.mergeId}>
            <p>
              Merged from <strong>{note.name}</strong> on {dayLabel(note.at)}.
            </p>
            {(role === 'admin' || role === 'frontdesk') && now < undoableUntil(note) && (
              <button type="button" className="btn btn--small" disabled={unmerging.isPending} onClick={() => !unmerging.isPending && unmerging.mutate(note)}>
                Undo <span className="sr-only">the merge of {note.name}</span>
              </button>
            )}
          </div>
        ))}
        {r.archived && (
          <div className="notice patient-archived" role="note">
            <p>
              <strong>Archived.</strong> This patient is hidden from the patient list and search; their appointments and history are
              kept. {admin ? 'Restore the record to change it.' : 'An admin can restore the record.'}
            </p>
            {admin && (
              <button type="button" className="btn btn--primary" onClick={() => setConfirming('restore')} disabled={archiving.isPending}>
                Restore patient
              </button>
            )}
          </div>
        )}

        <TabList label="Patient card" tabs={tabs} selected={tab} onSelect={setTab} baseId={baseId} className="tabs patient-tabs" />
        {/* Every panel stays mounted (hidden when not chosen), so changes typed on Details survive a look at another tab. */}
        {tabs.map((t) => (
          <TabPanel key={t.id} baseId={baseId} id={t.id} selected={tab}>
            {t.id === 'appointments' && <PatientAppointmentsPanel patientId={r.id} />}
            {t.id === 'details' && (
              <>
                {!r.archived && <PatientPhotoControl patient={r} onSaved={forgetLists} />}
                <PatientDetailsForm record={r} role={role} reload={props.reload} onSaved={forgetLists} />
              </>
            )}
            {t.id === 'communications' && tab === t.id && <PatientCommunicationsPanel patientId={r.id} mayLog={role !== 'patient'} />}
            {t.id === 'family' && tab === t.id && <PatientFamilyPanel patientId={r.id} mayLink={role === 'admin' || role === 'frontdesk'} />}
            {t.id === 'forms' && tab === t.id && <PatientFormsPanel patientId={r.id} patientName={r.displayName} />}
            {t.id === 'charts' && tab === t.id && <PatientChartsPanel patientId={r.id} />}
            {t.id === 'billing' && tab === t.id && <PatientMembershipPanel patientId={r.id} patientName={r.displayName} />}
          </TabPanel>
        ))}
      </div>

      {merging && (
        <MergeWizard
          record={r}
          onClose={() => setMerging(false)}
          onMerged={(outcome) => {
            afterMergeChange(outcome.patient);
            setProblem(null);
            setFlash(`Merged. ${movedLabel(outcome.moved)}.`);
          }}
          onUndone={(restored, name) => {
            afterMergeChange(restored);
            void props.reload();
            setFlash(`Merge undone. ${name} is a separate record again, with their appointments and forms.`);
          }}
        />
      )}

      {confirming && (
        <ConfirmDialog
          title={confirming === 'archive' ? 'Archive this patient?' : 'Restore this patient?'}
          confirmLabel={confirming === 'archive' ? 'Archive patient' : 'Restore patient'}
          cancelLabel={confirming === 'archive' ? 'Keep patient' : 'Keep archived'}
          danger={confirming === 'archive'}
          busy={archiving.isPending}
          onConfirm={() => archiving.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming === 'archive'
              ? `${r.displayName} will be hidden from the patient list and search. Nothing is deleted: appointments and history are kept, and you can restore the record later.`
              : `${r.displayName} will be back in the patient list and search.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** Always above the tabs: who this is, how to reach them, and — for those who may see them — allergies and alerts. */
function PatientHeader({
  record: r,
  nameId,
  flags,
  actions,
}: {
  record: PatientRecord;
  nameId: string;
  /** Notes under the name that hold on every tab ("2 forms missing"). */
  flags: React.ReactNode;
  actions: React.ReactNode;
}) {
  // A birth date's age changes once a day at most: the day the card opened is good enough.
  const [today] = useState(() => todayIn());
  const age = ageOn(r.dateOfBirth, today);
  const legalName = `${r.firstName} ${r.lastName}`.trim();
  const phone = formatPhone(r.phone);
  return (
    <div className="patient-header">
      <div className="patient-header__who">
        <div className="page-header">
          <div className="patient-header__name">
            <PatientPhoto patient={r} />
            <h1 id={nameId}>
              {r.displayName}{' '}
              {r.archived && <span className="badge badge--archived">Archived</span>}
              {r.status && r.status !== 'active' && <span className="badge patient-header__status">{patientStatusLabel(r.status)}</span>}
              {r.profileType === 'contact' && <span className="badge">Contact, not a patient</span>}
            </h1>
          </div>
          {actions}
        </div>
        {flags}
        <dl className="patient-facts">
          {legalName !== r.displayName && (
            <div>
              <dt>Legal name</dt>
              <dd>{legalName}</dd>
            </div>
          )}
          {r.pronouns && (
            <div>
              <dt>Pronouns</dt>
              <dd>{r.pronouns}</dd>
            </div>
          )}
          <div>
            <dt>Date of birth</dt>
            <dd>{r.dateOfBirth ? `${birthDateLabel(r.dateOfBirth)}${age !== null ? ` (${age} years)` : ''}` : <span className="muted">Not recorded</span>}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>
              {r.phone ? <a href={`tel:${r.phone}`}>{phone}</a> : <span className="muted">None</span>}
              {r.smsOptedOut && <span className="muted"> · Replied STOP: no texts until they reply START</span>}
            </dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{r.email ? <a href={`mailto:${r.email}`}>{r.email}</a> : <span className="muted">None</span>}</dd>
          </div>
        </dl>
      </div>
      {showsClinical(r) && (
        <div className="patient-header__clinical">
          <ClinicalBlock kind="allergies" title="Allergies" items={r.allergies ?? []} none="No known allergies" />
          <ClinicalBlock kind="alerts" title="Medical alerts" items={r.medicalAlerts ?? []} none="No medical alerts" />
        </div>
      )}
    </div>
  );
}

function ClinicalBlock(props: { kind: 'allergies' | 'alerts'; title: string; items: string[]; none: string }) {
  const id = useId();
  const any = props.items.length > 0;
  return (
    <section className={`clinical-block clinical-block--${props.kind}${any ? ' has-entries' : ''}`} aria-labelledby={id}>
      <h2 id={id} className="clinical-block__title">
        {props.title}
        {any && <span className="clinical-block__count"> ({props.items.length})</span>}
      </h2>
      {any ? (
        <ul className="clinical-block__list">
          {props.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : (
        <p className="clinical-block__none">{props.none}</p>
      )}
    </section>
  );
}
