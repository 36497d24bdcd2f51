import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldValues, UseFormSetError } from 'react-hook-form';
import { isApiError, problemOf } from '../../api/errors';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { setServerErrors } from '../../ui/form';

/** A settings document as the API sends it, with the version that a save must name. */
export type LoadedSettings<T> = { body: T; etag: string };

/**
 * One clinic settings document on an admin's page: read once with its version, saved with If-Match, and when someone
 * else saved first, their version shown with a plain account of what happened instead of overwriting it.
 */
export function useSettingsDocument<T>(options: {
  path: string;
  queryKey: QueryKey;
  /** What else should learn of a save (other pages' copies). */
  onSaved?: (saved: T) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: options.queryKey,
    queryFn: async ({ signal }): Promise<LoadedSettings<T>> => {
      const { data, response } = await api.request<T>(options.path, { signal });
      return { body: data, etag: response.headers.get('ETag') ?? '' };
    },
    staleTime: Infinity,
    gcTime: 0,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: T) => api.request<T>(options.path, { method: 'PUT', body, ifMatch: query.data?.etag }),
    onSuccess: ({ data, response }) => {
      queryClient.setQueryData<LoadedSettings<T>>(options.queryKey, { body: data, etag: response.headers.get('ETag') ?? '' });
      options.onSaved?.(data);
      setDone('Settings saved.');
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict) {
        await query.refetch();
        setProblem({ title: 'These settings changed since you opened them', status: err.status, detail: 'The latest settings are shown. Make your change again and save.', errors: {} });
      } else if (isApiError(err) && err.isValidation) {
        setProblem(err.problem); // the fields' own messages go to the form that saved (see save)
      } else {
        setProblem(problemOf(err));
      }
    },
  });

  return {
    loaded: query.data,
    loadProblem: query.isError ? problemOf(query.error) : null,
    problem,
    done,
    saving: mutation.isPending,
    /** Saves the form's values; the API's messages about single fields land on the form's fields. */
    save: <F extends FieldValues>(body: T, setError: UseFormSetError<F>) => {
      setDone(null);
      setProblem(null);
      mutation.mutate(body, { onError: (err) => isApiError(err) && err.isValidation && setServerErrors(setError, err.fieldErrors) });
    },
    /** The form was refused before saving: an earlier "saved" no longer describes it. */
    clearDone: () => setDone(null),
  };
}
