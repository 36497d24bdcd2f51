import { useId, useState, type FormEvent } from 'react';
import { problemOf } from '../../api/errors';
import {
  formKindLabel,
  useForms,
  usePatientForms,
  useSendForm,
  type OutstandingForm,
  type SubmissionSummary,
} from '../../api/forms';
import type { ProblemDetails } from '../../api/problem';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { formDate } from './patientForms';
import { SubmissionDialog } from './SubmissionDialog';
import { ScrollTable } from '../../ui/ScrollTable';
import { EmptyState } from '../../ui/EmptyState';
import { CountedSection } from './CountedSection';

/**
 * The Forms & consents tab: what the patient still has to fill (and why), sending a form, and the forms on file.
 * Everyone who may open the card sees the lists; only clinicians (the API decides) read a medical form's answers.
 */
export function PatientFormsPanel({ patientId, patientName }: { patientId: string; patientName: string }) {
  const forms = usePatientForms(patientId);
  const send = useSendForm();
  const [sent, setSent] = useState<string | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [viewing, setViewing] = useState<SubmissionSummary | null>(null);

  function sendForm(form: { formId: string; name: string; appointmentId?: string | null }, onSent?: () => void) {
    setSent(null);
    setProblem(null);
    send.mutate(
      { formId: form.formId, patientId, appointmentId: form.appointmentId ?? undefined },
      {
        onSuccess: () => {
          setSent(`Sent “${form.name}” to ${patientName}. The message with the link is in their communications.`);
          onSent?.();
        },
        onError: (e) => setProblem(problemOf(e)),
      },
    );
  }

  return (
    <div className="patient-forms">
      {sent && <StatusMessage>{sent}</StatusMessage>}
      {problem && <ProblemAlert problem={problem} />}
      {forms.isPending ? (
        <Loading label="Loading forms…" />
      ) : forms.isError ? (
        <LoadProblem error={forms.error} retry={() => void forms.refetch()} />
      ) : (
        <>
          <OutstandingList items={forms.data.outstanding} sending={send.isPending} onSend={sendForm} />
          <SendFormForm sending={send.isPending} onSend={sendForm} />
          <SubmissionsList items={forms.data.submissions} onView={setViewing} />
        </>
      )}
      {viewing && <SubmissionDialog patientId={patientId} summary={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}

function OutstandingList(props: {
  items: OutstandingForm[];
  sending: boolean;
  onSend: (form: OutstandingForm) => void;
}) {
  const clock = useClock();
  const why = (f: OutstandingForm) =>
    f.reason === 'required'
      ? f.startTime
        ? `Required for the appointment on ${clock.dateTime(f.startTime)}`
        : 'Required for an upcoming appointment'
      : f.reason === 'expired'
        ? 'Consent expired: to be signed again'
        : f.reason === 'requested'
          ? 'Requested: sent to the patient'
          : f.reason;
  return (
    <CountedSection title="Outstanding" count={props.items.length} className="patient-forms__section">
      {props.items.length === 0 ? (
        <p className="muted">Nothing outstanding: the patient has every form their appointments need.</p>
      ) : (
        <ul className="forms-list">
          {props.items.map((f) => (
            <li key={`${f.formId}-${f.appointmentId ?? ''}-${f.reason}`} className="forms-list__item forms-list__item--missing">
              <div>
                <p className="forms-list__name">
                  {f.name} <span className="badge">{formKindLabel(f.kind)}</span>
                </p>
                <p className="forms-list__why">{why(f)}</p>
              </div>
              <button type="button" className="btn btn--small" disabled={props.sending} onClick={() => props.onSend(f)}>
                Send <span className="sr-only">{f.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </CountedSection>
  );
}

/** Choose one of the clinic's published forms and send it: the patient gets a message with the link. */
function SendFormForm(props: { sending: boolean; onSend: (form: { formId: string; name: string }, onSent: () => void) => void }) {
  const id = useId();
  const forms = useForms();
  const [formId, setFormId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const published = (forms.data ?? []).filter((f) => f.publishedVersion !== null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const form = published.find((f) => f.id === formId);
    if (!form) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    props.onSend({ formId: form.id, name: form.name }, () => setFormId(''));
  }

  return (
    <form noValidate aria-labelledby={`${id}-h`} className="patient-subform patient-forms__send" onSubmit={submit}>
      <h2 id={`${id}-h`}>Send a form</h2>
      {forms.isPending ? (
        <Loading label="Loading the clinic’s forms…" />
      ) : forms.isError ? (
        <LoadProblem error={forms.error} retry={() => void forms.refetch()} />
      ) : published.length === 0 ? (
        <p className="muted">The clinic has no published forms yet. An admin builds and publishes them under Forms.</p>
      ) : (
        <div className="patient-forms__send-row">
          <div className={`field${invalid ? ' field--invalid' : ''}`}>
            <label htmlFor={`${id}-form`}>Form</label>
            <select
              id={`${id}-form`}
              value={formId}
              aria-invalid={invalid || undefined}
              aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
              onChange={(e) => {
                setFormId(e.target.value);
                setInvalid(false);
              }}
            >
              <option value="">Choose a form</option>
              {published.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({formKindLabel(f.kind)})
                </option>
              ))}
            </select>
            <p id={`${id}-hint`} className="field__hint">
              The patient gets a message with a link to fill it in.
            </p>
            {invalid && (
              <p id={`${id}-error`} className="field__error">
                Choose the form to send.
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" className="btn btn--primary" disabled={props.sending}>
              {props.sending ? 'Sending…' : 'Send form'}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function SubmissionsList(props: { items: SubmissionSummary[]; onView: (s: SubmissionSummary) => void }) {
  const clock = useClock();
  return (
    <CountedSection title="Completed" count={props.items.length} className="patient-forms__section">
      {props.items.length === 0 ? (
        <EmptyState title="No forms completed yet.">
          <p>Forms the patient signs, online or on the clinic’s tablet, will be listed here.</p>
        </EmptyState>
      ) : (
        <ScrollTable label="Completed forms" className="forms-table" columns={['Form', 'Version', 'Signed by', 'When', 'Expires', <span className="sr-only">Answers</span>]}>
          {props.items.map((s) => (
            <tr key={s.id} className={s.supersededBy || s.expired ? 'is-past' : undefined}>
              <th scope="row">
                {s.formName}
                <span className="sr-only">,</span> <span className="forms-table__kind">{formKindLabel(s.kind)}</span>
                {s.supersededBy && (
                  <>
                    {' '}
                    <span className="badge badge--superseded">Superseded</span>
                  </>
                )}
              </th>
              <td>{s.version}</td>
              <td>{s.signerName}</td>
              <td>
                <time dateTime={s.submittedAt}>{clock.instant(s.submittedAt)}</time>
              </td>
              <td>
                {s.expired ? (
                  <>
                    <span className="badge badge--expired">Expired</span>
                    {s.expiresAt ? ` ${formDate(s.expiresAt)}` : ''}
                  </>
                ) : s.expiresAt ? (
                  formDate(s.expiresAt)
                ) : (
                  <span className="muted">Never</span>
                )}
              </td>
              <td>
                <button type="button" className="btn btn--small" onClick={() => props.onView(s)}>
                  View <span className="sr-only">{s.formName}, version {s.version}</span>
                </button>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </CountedSection>
  );
}
