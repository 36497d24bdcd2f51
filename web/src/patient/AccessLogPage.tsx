import { useInfiniteQuery } from '@tanstack/react-query';
import { patientLogApi } from '../api/patients';
import { queryKeys } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { roleLabel } from '../auth/roles';
import { useClock } from '../booking/clock';
import { Loading, LoadProblem } from '../ui/Alert';
import { EmptyState } from '../ui/EmptyState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { MyRecordPage } from './MyRecordPage';
import './patientAppointments.css';

/** /patient/access-log — who read or changed the patient's record, newest first; refused attempts marked. */
export function AccessLogPage() {
  const { api, me } = useAuth();
  const clock = useClock();
  useDocumentTitle('Who viewed my record');
  const patientId = me?.patientId ?? '';
  const log = useInfiniteQuery({
    queryKey: queryKeys.patients.accessLog(patientId),
    queryFn: ({ pageParam, signal }) => patientLogApi.accessLog(api, patientId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.continuationToken ?? undefined,
    enabled: !!patientId,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <MyRecordPage
      title="Who viewed my record"
      linked={!!patientId}
      intro={<p className="muted">Everyone who opened or changed your record at the clinic, newest first. Attempts that were refused are marked.</p>}
    >
      <section className="panel" aria-label="Access log">
        {log.isPending ? (
          <Loading label="Loading who viewed your record…" />
        ) : log.isError ? (
          <LoadProblem error={log.error} retry={() => void log.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="Nobody has opened your record yet." />
        ) : (
          <>
            <ol className="access-log">
              {items.map((e, i) => (
                <li key={`${e.at}-${i}`} className={`access-log__entry${e.refused ? ' is-refused' : ''}`}>
                  <p className="access-log__who">
                    <strong>{e.who}</strong>
                    {e.role && e.who !== 'You' && <span className="muted"> · {roleLabel(e.role)}</span>}
                    {e.refused && <span className="badge badge--refused">Refused</span>}
                  </p>
                  <p className="access-log__what">{e.what}</p>
                  <p className="access-log__when">
                    <time dateTime={e.at}>{clock.instant(e.at)}</time>
                  </p>
                </li>
              ))}
            </ol>
            {log.hasNextPage && (
              <button type="button" className="btn" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            )}
          </>
        )}
      </section>
    </MyRecordPage>
  );
}
