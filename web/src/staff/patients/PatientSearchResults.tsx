import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type RefObject } from 'react';
import { birthDateLabel, formatPhone, patientsApi, type PatientListItem } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem } from '../../ui/Alert';
import { SEARCH_DEBOUNCE_MS } from '../resource/ResourceListPage';

/** The first ten live patients matching what was typed; nothing is read before two characters (too many matches). */
function usePatientSearch(applied: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.patientSearch(applied),
    queryFn: ({ signal }) => patientsApi.list(api, { q: applied, status: '', includeArchived: false, pageSize: 10, continuationToken: null }, signal),
    enabled: enabled && applied.length >= 2,
  });
}

/**
 * What a patient search found, each with a "Choose" button named after the patient (linking a family member, picking
 * a duplicate to merge). `results` are the search's patients the caller offers; `noMatch` is said when there are none.
 */
function PatientSearchResults(props: {
  applied: string;
  search: ReturnType<typeof usePatientSearch>;
  results: PatientListItem[];
  noMatch: string;
  withPhone?: boolean;
  disabled?: boolean;
  onChoose: (patient: PatientListItem) => void;
}) {
  const { applied, search, results } = props;
  if (applied.length < 2) return null;
  if (search.isPending) return <Loading label="Searching…" />;
  if (search.isError) return <LoadProblem error={search.error} retry={() => void search.refetch()} />;
  if (results.length === 0) return <p className="muted">{props.noMatch}</p>;
  return (
    <ul className="family-search" aria-label="Matching patients">
      {results.map((p) => (
        <li key={p.id}>
          <span>
            {p.firstName} {p.lastName}
            {p.dateOfBirth && <span className="muted"> · born {birthDateLabel(p.dateOfBirth)}</span>}
            {p.email && <span className="muted"> · {p.email}</span>}
            {props.withPhone && p.phone && <span className="muted"> · {formatPhone(p.phone)}</span>}
          </span>
          <button type="button" className="btn btn--small" disabled={props.disabled} onClick={() => props.onChoose(p)} aria-label={`Choose ${p.firstName} ${p.lastName}`}>
            Choose
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * "Find a patient": a search field read as the desk types (Enter searches at once) and what it found, each with a
 * "Choose" button. `exclude` leaves out patients the caller cannot offer (the record on screen, archived ones). The
 * caller shows it until one is chosen; shown again, it starts empty.
 */
export function PatientFinder({
  inputRef,
  ...props
}: {
  label: string;
  hint: string;
  noMatch: (applied: string) => string;
  exclude?: (patient: PatientListItem) => boolean;
  withPhone?: boolean;
  disabled?: boolean;
  inputRef?: RefObject<HTMLInputElement | null>;
  onChoose: (patient: PatientListItem) => void;
}) {
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setApplied(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);
  const search = usePatientSearch(applied);
  const results = (search.data?.items ?? []).filter((p) => !props.exclude?.(p));

  return (
    <div className="field">
      <label htmlFor={searchId}>{props.label}</label>
      <p className="field__hint" id={`${searchId}-hint`}>
        {props.hint}
      </p>
      <input
        id={searchId}
        ref={inputRef}
        type="search"
        value={query}
        aria-describedby={`${searchId}-hint`}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            setApplied(query.trim());
          }
        }}
      />
      <PatientSearchResults
        applied={applied}
        search={search}
        results={results}
        noMatch={props.noMatch(applied)}
        withPhone={props.withPhone}
        disabled={props.disabled}
        onChoose={props.onChoose}
      />
    </div>
  );
}
