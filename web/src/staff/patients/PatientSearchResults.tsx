import { useQuery } from '@tanstack/react-query';
import { birthDateLabel, formatPhone, patientsApi, type PatientListItem } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem } from '../../ui/Alert';

/** The first ten live patients matching what was typed; nothing is read before two characters (too many matches). */
export function usePatientSearch(applied: string, enabled = true) {
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
export function PatientSearchResults(props: {
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
