import { useQuery, type QueryKey } from '@tanstack/react-query';
import { useApi } from '../auth/AuthContext';
import type { ApiClient } from './client';

/**
 * A read of the API as a query: the key (from queryKeys), the call given the signed-in client and the query's abort
 * signal, and the query's options. The one way the api modules' `use…` hooks are written.
 */
export function useApiQuery<T>(
  queryKey: QueryKey,
  read: (api: ApiClient, signal: AbortSignal) => Promise<T>,
  options: { enabled?: boolean; staleTime?: number; refetchInterval?: number } = {},
) {
  const api = useApi();
  return useQuery({ queryKey, queryFn: ({ signal }) => read(api, signal), ...options });
}
