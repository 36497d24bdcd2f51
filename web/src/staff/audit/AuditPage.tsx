import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/queries';
import type { AuditEntry, Page } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import type { ClockFormat } from '../../booking/time';
import { Loading, LoadProblem } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ScrollTable } from '../../ui/ScrollTable';
import { EmptyState } from '../../ui/EmptyState';

const PAGE_SIZE = 50;

function formatWhen(iso: string, clock: ClockFormat): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium', hourCycle: clock === '24h' ? 'h23' : 'h12' }).format(d);
}

/** Admin only; read-only. Who did what to which record, newest first as the API orders it. */
export function AuditPage() {
  const clock = useClock();
  const api = useApi();
  useDocumentTitle('Audit log');
  const audit = useInfiniteQuery({
    queryKey: queryKeys.audit,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEntry>>('/api/audit', { query: { pageSize: PAGE_SIZE, continuationToken: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page?.continuationToken ?? null,
    gcTime: 0,
  });
  const items = audit.data?.pages.flatMap((p) => p?.items ?? []) ?? [];
  const status = audit.data ? 'ready' : audit.isError ? 'error' : 'loading';
  const loadingMore = audit.isFetchingNextPage;

  return (
    <section>
      <div className="page-header">
        <h1>Audit log</h1>
      </div>
      <p className="muted">Every read and change of protected records, with who did it and when.</p>
      <div className="list-region" aria-busy={status === 'loading' || loadingMore}>
        {status === 'loading' && <Loading label="Loading audit log…" />}
        {audit.isError && (
          <LoadProblem error={audit.error} retry={status === 'error' ? () => void audit.refetch() : undefined} />
        )}
        {status === 'ready' && items.length === 0 && (
          <EmptyState title="No audit entries yet" />
        )}
        {status === 'ready' && items.length > 0 && (
          <ScrollTable label="Audit log table" columns={['When', 'Who', 'Role', 'Action', 'Resource', 'Outcome', 'Status']}>
            {items.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatWhen(e.at, clock.format)}</time>
                </td>
                <td>{e.actor?.email ?? e.actor?.userId}</td>
                <td>{e.actor?.role}</td>
                <td>{e.action}</td>
                <td>
                  {e.resource}
                  {e.resourceId && <span className="muted"> {e.resourceId}</span>}
                </td>
                <td>{e.outcome}</td>
                <td>{e.status}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        {status === 'ready' && audit.hasNextPage && (
          <button type="button" className="btn load-more" onClick={() => void audit.fetchNextPage()} disabled={loadingMore}>
            {loadingMore ? 'Loading more…' : 'Load more'}
          </button>
        )}
      </div>
    </section>
  );
}
