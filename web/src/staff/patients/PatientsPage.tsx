import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import {
  LAST_VISIT_FILTERS,
  PATIENT_STATUSES,
  PATIENT_STATUS_LABELS,
  birthDateLabel,
  lastVisitBounds,
  formatPhone,
  patientStatusLabel,
  patientsApi,
  type PatientListItem,
  type PatientStatus,
} from '../../api/patients';
import { problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useAuth } from '../../auth/AuthContext';
import { localDate } from '../../booking/time';
import { Loading, LoadProblem, ProblemAlert } from '../../ui/Alert';
import { SelectField } from '../../ui/Field';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS } from '../resource/ResourceListPage';
import { NewPatientDialog } from './NewPatientDialog';
import './patients.css';
import { ScrollTable } from '../../ui/ScrollTable';
import { EmptyState } from '../../ui/EmptyState';

/** "Smith, Jonathan" — the list is in surname order. */
export function listName(p: Pick<PatientListItem, 'firstName' | 'lastName'>): string {
  return [p.lastName, p.firstName].filter(Boolean).join(', ') || '(no name)';
}

/** /staff/patients: the desk's and admins' patient list; practitioners open patients from the calendar instead. */
export function PatientsPage() {
  const { me } = useAuth();
  useDocumentTitle('Patients');
  if (me?.role === 'practitioner') {
    return (
      <section aria-labelledby="patients-h">
        <h1 id="patients-h">Patients</h1>
        <EmptyState title="Open a patient from the calendar">
          <p>
            Choose one of your appointments in the <Link to="/staff/calendar">calendar</Link>, then “Open patient card” in its
            panel. The patient list and search are for the front desk and admins.
          </p>
        </EmptyState>
      </section>
    );
  }
  return <PatientList />;
}

function PatientList() {
  const { api } = useAuth();
  const navigate = useNavigate();
  const searchId = useId();
  const archivedId = useId();
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  const [status, setStatus] = useState<PatientStatus | ''>('');
  const [lastVisit, setLastVisit] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const t = setTimeout(() => setAppliedQuery(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);

  const filters = { q: appliedQuery, status, includeArchived: showArchived, ...lastVisitBounds(lastVisit, localDate(new Date().toISOString())) };
  const list = useInfiniteQuery({
    queryKey: queryKeys.patients.list(filters),
    queryFn: ({ pageParam, signal }) => patientsApi.list(api, { ...filters, pageSize: PAGE_SIZE, continuationToken: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.continuationToken,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setAppliedQuery(query.trim());
  }

  const loading = list.isPending;
  const ready = list.isSuccess || (list.isError && !!list.data);
  const isEmpty = list.isSuccess && items.length === 0;
  const filtered = !!appliedQuery || !!status || !!lastVisit;

  return (
    <section className="patient-list" aria-labelledby={`${searchId}-h`}>
      <div className="page-header">
        <h1 id={`${searchId}-h`}>Patients</h1>
        <button type="button" className="btn btn--primary" onClick={() => setCreating(true)}>
          New patient
        </button>
      </div>

      <div className="toolbar">
        <form role="search" onSubmit={onSearch} className="search">
          <label htmlFor={searchId}>Search patients</label>
          <div className="search__row">
            <input
              id={searchId}
              type="search"
              value={query}
              autoComplete="off"
              aria-describedby={`${searchId}-hint`}
              onChange={(e) => setQuery(e.target.value)}
            />
            <button type="submit" className="btn">
              Search
            </button>
          </div>
          <p id={`${searchId}-hint`} className="field__hint">
            A name (surname, first name, or both), an email, a phone number, or a date of birth like 1985-04-23.
          </p>
        </form>
        <SelectField
          name="status"
          label="Status"
          className="patient-list__status"
          value={status}
          onChange={(v) => setStatus(v as PatientStatus | '')}
          placeholder="Any status"
          options={PATIENT_STATUSES.map((s) => ({ value: s, label: PATIENT_STATUS_LABELS[s] }))}
        />
        <SelectField
          name="lastVisit"
          label="Last visit"
          className="patient-list__status"
          value={lastVisit}
          onChange={setLastVisit}
          placeholder="Any time"
          options={LAST_VISIT_FILTERS.map((f) => ({ value: f.value, label: f.label }))}
        />
        <div className="field field--check">
          <input id={archivedId} type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          <label htmlFor={archivedId}>Show archived</label>
        </div>
      </div>

      <div className="list-region" aria-busy={loading || list.isFetchingNextPage}>
        {loading && <Loading label="Loading patients…" />}

        {list.isError && !list.data && <LoadProblem error={list.error} retry={() => void list.refetch()} />}

        {isEmpty && (
          <EmptyState
            title={
              appliedQuery
                ? `No patients match “${appliedQuery}”${status ? ` with status ${patientStatusLabel(status).toLowerCase()}` : ''}.`
                : lastVisit
                  ? 'No patients match these filters.'
                  : status
                    ? `No patients match the status ${patientStatusLabel(status).toLowerCase()}.`
                    : 'No patients yet.'
            }
          >
            {filtered ? (
              <p className="muted">Check the spelling, try the surname alone, or add them as a new patient.</p>
            ) : (
              <p className="muted">Add the first patient with “New patient”.</p>
            )}
          </EmptyState>
        )}

        {ready && items.length > 0 && (
          <ScrollTable label="Patients table" columns={['Name', 'Date of birth', 'Phone', 'Email', 'Last visit', 'Status']}>
            {items.map((p) => (
              <tr key={p.id} className={p.archived ? 'is-archived' : undefined}>
                <th scope="row">
                  <Link to={`/staff/patients/${encodeURIComponent(p.id)}`}>{listName(p)}</Link>
                  {p.preferredName && p.preferredName !== p.firstName && (
                    <span className="patient-list__preferred"> (prefers {p.preferredName})</span>
                  )}
                </th>
                <td>{birthDateLabel(p.dateOfBirth) || <span className="muted">—</span>}</td>
                <td className="nowrap">{formatPhone(p.phone) || <span className="muted">—</span>}</td>
                <td className="patient-list__email">{p.email || <span className="muted">—</span>}</td>
                <td className="nowrap">{p.lastVisitOn ? birthDateLabel(p.lastVisitOn) : <span className="muted">Never</span>}</td>
                <td>
                  <span className={`patient-status patient-status--${p.status}`}>{patientStatusLabel(p.status)}</span>
                  {p.archived && <span className="badge patient-list__archived">Archived</span>}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}

        {ready && list.hasNextPage && (
          <button type="button" className="btn load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        )}
        {list.isFetchNextPageError && <ProblemAlert problem={problemOf(list.error)} />}
      </div>

      {creating && (
        <NewPatientDialog
          onClose={() => setCreating(false)}
          onDone={(id, flash) => navigate(`/staff/patients/${encodeURIComponent(id)}`, { state: { flash } })}
        />
      )}
    </section>
  );
}
