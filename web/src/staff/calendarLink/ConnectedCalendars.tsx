import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { calendarConnectionsApi, type CalendarConnection } from '../../api/calendarFeed';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';

const NAMES = { google: 'Google Calendar', microsoft: 'Microsoft 365 (Outlook)' } as const;
type Provider = keyof typeof NAMES;

const schema = z
  .object({ provider: z.enum(['google', 'microsoft']), calendarId: z.string().trim().min(1, 'Required.') })
  .superRefine((v, ctx) => {
    if (v.provider === 'microsoft' && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.calendarId))
      ctx.addIssue({ code: 'custom', path: ['calendarId'], message: 'Your object id from Microsoft Entra (a GUID such as 2f1c…-…), not your email address.' });
    if (v.provider === 'google' && (!v.calendarId.includes('@') || /\s/.test(v.calendarId)))
      ctx.addIssue({ code: 'custom', path: ['calendarId'], message: 'The calendar id from Google Calendar’s settings (usually your address, like name@clinic.com).' });
  });
type ConnectForm = z.infer<typeof schema>;

/**
 * Busy times from a practitioner's own Google or Microsoft 365 calendar block their bookable times: connected here
 * (the clinic's Google Workspace or Microsoft 365 tenant lets MedSpa read them), kept current as the calendar changes.
 * Only when they are busy is read, never what the events are.
 */
export function ConnectedCalendars({ practitionerId }: { practitionerId: string }) {
  const api = useApi();
  const clock = useClock();
  const queryClient = useQueryClient();
  const key = queryKeys.calendarConnections(practitionerId);
  const list = useApiQuery(key, (client, signal) => calendarConnectionsApi.list(client, practitionerId, signal));
  const [flash, setFlash] = useState<string | null>(null);
  const [disconnecting, setDisconnecting] = useState<CalendarConnection | null>(null);
  const form = useForm<ConnectForm>({ defaultValues: { provider: 'google', calendarId: '' }, resolver: schemaResolver(schema), reValidateMode: 'onSubmit' });
  const provider = useWatch({ control: form.control, name: 'provider' });

  const connect = useMutation({
    mutationFn: (v: ConnectForm) => calendarConnectionsApi.connect(api, practitionerId, { provider: v.provider, calendarId: v.calendarId.trim() }),
    onSuccess: (made) => {
      queryClient.setQueryData<CalendarConnection[]>(key, (items) => [...(items ?? []).filter((c) => c.provider !== made.provider), made]);
      setFlash(`${NAMES[made.provider]} connected: your busy times there now block bookings.`);
      form.reset({ provider: made.provider === 'google' ? 'microsoft' : 'google', calendarId: '' });
    },
    onError: (e) => {
      if (isApiError(e) && Object.keys(e.fieldErrors).length > 0) setServerErrors(form.setError, e.fieldErrors);
    },
  });
  const disconnect = useMutation({
    mutationFn: (c: CalendarConnection) => calendarConnectionsApi.disconnect(api, practitionerId, c.provider),
    onSuccess: (_, c) => {
      setDisconnecting(null);
      queryClient.setQueryData<CalendarConnection[]>(key, (items) => (items ?? []).filter((x) => x.provider !== c.provider));
      setFlash(`${NAMES[c.provider]} disconnected: its busy times no longer block bookings.`);
    },
  });

  // The form offers only calendars not connected yet; one of them is chosen.
  const connectedProviders = list.data?.map((c) => c.provider).join(',') ?? '';
  useEffect(() => {
    const open = (['google', 'microsoft'] as Provider[]).filter((p) => !connectedProviders.split(',').includes(p));
    if (open.length > 0 && !open.includes(form.getValues('provider'))) form.setValue('provider', open[0]);
  }, [connectedProviders, form]);

  if (list.isPending) return <Loading label="Loading your connected calendars…" />;
  if (list.isError) return <LoadProblem error={list.error} retry={() => void list.refetch()} />;
  const free = (['google', 'microsoft'] as Provider[]).filter((p) => !list.data.some((c) => c.provider === p));
  const fieldProblem = connect.isError && isApiError(connect.error) && Object.keys(connect.error.fieldErrors).length > 0;

  return (
    <section aria-labelledby="busy-h">
      <h2 id="busy-h">Busy times from your own calendar</h2>
      <p>When your Google or Microsoft 365 calendar says you are busy, patients and the desk cannot book you then. Only the times are read, never what your events are.</p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {list.data.length === 0 ? (
        <p className="muted">No calendar connected.</p>
      ) : (
        <ul className="inbox-list">
          {list.data.map((c) => (
            <li key={c.provider} className="card">
              <h3>{NAMES[c.provider]}</h3>
              <p>{c.calendarId}</p>
              <p className="muted">
                {c.syncedAt ? `Last read ${clock.dateTime(c.syncedAt)}` : 'Not read yet'} · {c.busyTimes === 1 ? '1 busy time ahead' : `${c.busyTimes} busy times ahead`}
                {c.nextBusy ? ` · next ${clock.dateTime(c.nextBusy.start)}` : ''}
              </p>
              {c.problem && <p role="alert">{c.problem}</p>}
              <button type="button" className="btn" onClick={() => setDisconnecting(c)}>
                Disconnect {NAMES[c.provider]}
              </button>
            </li>
          ))}
        </ul>
      )}

      {free.length > 0 && (
        <FormProvider {...form}>
          <form className="card" noValidate aria-busy={connect.isPending} onSubmit={(e) => void form.handleSubmit((v) => connect.mutate(v))(e)}>
            <h3>Connect a calendar</h3>
            {connect.isError && !fieldProblem && <ProblemAlert problem={problemOf(connect.error)} />}
            <fieldset className="checkbox-group">
              <legend>Whose calendar</legend>
              {free.map((p) => (
                <div className="field field--check" key={p}>
                  <input id={`provider-${p}`} type="radio" value={p} {...form.register('provider')} />
                  <label htmlFor={`provider-${p}`}>{NAMES[p]}</label>
                </div>
              ))}
            </fieldset>
            <TextField
              name="calendarId"
              label="Calendar"
              hint={provider === 'microsoft' ? 'Your object id in Microsoft Entra (your admin can tell you).' : 'Its id from Google Calendar’s settings: usually your address.'}
              maxLength={254}
            />
            <div className="actions">
              <button type="submit" className="btn btn--primary" disabled={connect.isPending}>
                {connect.isPending ? 'Connecting…' : 'Connect calendar'}
              </button>
            </div>
          </form>
        </FormProvider>
      )}

      {disconnecting && (
        <ConfirmDialog
          title={`Disconnect ${NAMES[disconnecting.provider]}?`}
          confirmLabel="Disconnect"
          cancelLabel="Keep it connected"
          danger
          busy={disconnect.isPending}
          onConfirm={() => disconnect.mutate(disconnecting)}
          onCancel={() => setDisconnecting(null)}
        >
          <p>Its busy times stop blocking your bookings. Your calendar itself is not changed.</p>
          {disconnect.isError && <ProblemAlert problem={problemOf(disconnect.error)} />}
        </ConfirmDialog>
      )}
    </section>
  );
}
