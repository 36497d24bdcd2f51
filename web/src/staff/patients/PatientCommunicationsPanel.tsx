import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { isApiError, problemOf } from '../../api/errors';
import { CHANNELS, CHANNEL_LABELS, DIRECTIONS, DIRECTION_LABELS, patientLogApi, type Channel, type CommunicationEntry, type Direction } from '../../api/patients';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi } from '../../auth/AuthContext';
import { roleLabel } from '../../auth/roles';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem } from '../../ui/Alert';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';
import { EmptyState } from '../../ui/EmptyState';
import { PatientSubform } from './PatientSubform';

export const SUBJECT_MAX = 200;
export const BODY_MAX = 4000;

const CHANNEL_ICONS: Record<Channel, string> = { email: '✉', sms: '💬', phone: '☎', inPerson: '👤', note: '📝' };

const contactSchema = z.object({
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  subject: z
    .string()
    .refine((v) => v.trim().length > 0, 'Enter a subject.')
    .refine((v) => v.trim().length <= SUBJECT_MAX, `At most ${SUBJECT_MAX} characters.`),
  body: z.string().refine((v) => v.length <= BODY_MAX, `At most ${BODY_MAX} characters.`),
});
type ContactForm = z.infer<typeof contactSchema>;
const EMPTY: ContactForm = { channel: 'phone', direction: 'inbound', subject: '', body: '' };

/** The Communications tab: what the clinic sent and what staff logged, newest first; staff log a contact. */
export function PatientCommunicationsPanel({ patientId, mayLog }: { patientId: string; mayLog: boolean }) {
  const log = useApiQuery(queryKeys.patients.communications(patientId), (api, signal) => patientLogApi.communications(api, patientId, signal));

  return (
    <div className="patient-communications">
      {mayLog && <LogContactForm patientId={patientId} />}
      <h2>Communication log</h2>
      {log.isPending ? (
        <Loading label="Loading communications…" />
      ) : log.isError ? (
        <LoadProblem error={log.error} retry={() => void log.refetch()} />
      ) : log.data.length === 0 ? (
        <EmptyState title="No communications yet.">
          <p>Reminders the clinic sends and contacts staff log will be listed here.</p>
        </EmptyState>
      ) : (
        <ol className="comm-log">
          {log.data.map((entry) => (
            <CommunicationItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}
    </div>
  );
}

function CommunicationItem({ entry: e }: { entry: CommunicationEntry }) {
  const clock = useClock();
  const channel = CHANNEL_LABELS[e.channel] ?? e.channel;
  const direction = DIRECTION_LABELS[e.direction as Direction] ?? e.direction;
  return (
    <li className="comm-log__entry">
      <p className="comm-log__meta">
        <span className="comm-log__channel">
          <span aria-hidden="true">{CHANNEL_ICONS[e.channel] ?? '•'}</span> {channel}
        </span>
        <span className={`badge comm-log__direction comm-log__direction--${e.direction}`}>{direction}</span>
        <span>
          by {e.by}
          {e.byRole ? ` (${roleLabel(e.byRole)})` : ''}
        </span>
        <time dateTime={e.at}>{clock.instant(e.at)}</time>
      </p>
      <p className="comm-log__subject">{e.subject}</p>
      {e.body && <p className="comm-log__body">{e.body}</p>}
    </li>
  );
}

function LogContactForm({ patientId }: { patientId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const form = useForm<ContactForm>({
    defaultValues: EMPTY,
    resolver: schemaResolver(contactSchema),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (v: ContactForm) =>
      patientLogApi.logCommunication(api, patientId, {
        channel: v.channel,
        direction: v.direction,
        subject: v.subject.trim(),
        body: v.body.trim() || undefined,
      }),
    onMutate: () => {
      setProblem(null);
      setDone(null);
    },
    onSuccess: (entry) => {
      form.reset(EMPTY);
      setDone(`Logged “${entry?.subject ?? 'the contact'}”.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.communications(patientId) });
    },
    onError: (err) => {
      const fieldErrors = isApiError(err) ? err.fieldErrors : {};
      setServerErrors(form.setError, fieldErrors);
      setProblem(problemOf(err));
    },
  });
  const saving = save.isPending;

  return (
    <PatientSubform form={form} title="Log a contact" problem={problem} saving={saving} submitLabel="Log contact" savingLabel="Logging…" done={done} onValid={(v) => save.mutate(v)}>
      <div className="grid-2">
        <SelectField name="channel" label="Channel" options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))} />
        <SelectField name="direction" label="Direction" options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))} />
      </div>
      <TextField name="subject" label="Subject" required maxLength={SUBJECT_MAX} autoComplete="off" />
      <TextAreaField name="body" label="Note" hint="Optional. What was said or agreed." maxLength={BODY_MAX} rows={3} />
    </PatientSubform>
  );
}
