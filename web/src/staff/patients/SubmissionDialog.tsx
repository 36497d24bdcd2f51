import { useId } from 'react';
import { formKindLabel, useSubmission, type AnswerValue, type FormField, type Submission, type SubmissionSummary } from '../../api/forms';
import { birthDateLabel } from '../../api/patients';
import { roleLabel } from '../../auth/roles';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem } from '../../ui/Alert';
import { Modal } from '../../ui/Modal';
import { answersRefused, formDate } from './patientForms';

/** One completed form as it was signed: the answers per question, the signature, and the evidence of the signing. */
export function SubmissionDialog({ patientId, summary, onClose }: { patientId: string; summary: SubmissionSummary; onClose: () => void }) {
  const submission = useSubmission(patientId, summary.id);
  return (
    <Modal title={`${summary.formName}, version ${summary.version}`} onClose={onClose} wide>
      {submission.isPending ? (
        <Loading label="Loading the answers…" />
      ) : submission.isError ? (
        answersRefused(submission.error) ? (
          <div className="notice" role="note">
            <p>
              <strong>Only clinicians can read the answers.</strong> The list shows that {summary.signerName} completed this form; what
              they answered is for the clinicians treating the patient.
            </p>
          </div>
        ) : (
          <LoadProblem error={submission.error} retry={() => void submission.refetch()} />
        )
      ) : (
        <SubmissionView submission={submission.data} />
      )}
    </Modal>
  );
}

function SubmissionView({ submission: s }: { submission: Submission }) {
  const clock = useClock();
  const id = useId();
  const sections = s.content?.sections ?? [];
  // Whether the stored answers still match the content hash sealed at signing (the API sends it; the contract does not name it yet).
  const intact = (s as Submission & { intact?: boolean }).intact;
  return (
    <div className="submission">
      {s.supersededBy && (
        <p className="notice" role="note">
          A newer submission of this form replaces this one.
        </p>
      )}
      {s.legalText && (
        <section aria-labelledby={`${id}-legal`} className="submission__legal">
          <h3 id={`${id}-legal`}>What was signed</h3>
          <p style={{ whiteSpace: 'pre-line' }}>{s.legalText}</p>
        </section>
      )}
      <section aria-labelledby={`${id}-answers`}>
        <h3 id={`${id}-answers`}>Answers</h3>
        {sections.map((section, i) => {
          const fields = section.fields.filter((f) => shown(f, s.answers));
          if (fields.length === 0) return null;
          return (
            <div key={i} className="submission__section">
              {section.title && <h4>{section.title}</h4>}
              <dl className="submission__answers">
                {fields.map((f) => (
                  <div key={f.id} className="submission__answer">
                    <dt>{f.label}</dt>
                    <dd>
                      <Answer field={f} value={s.answers?.[f.id]} signerName={s.signerName} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          );
        })}
      </section>
      <section aria-labelledby={`${id}-evidence`}>
        <h3 id={`${id}-evidence`}>Evidence</h3>
        <dl className="facts submission__evidence">
          <dt>Form</dt>
          <dd>
            {s.formName} ({formKindLabel(s.kind)}), version {s.version}
          </dd>
          <dt>Signed by</dt>
          <dd>{s.signerName}</dd>
          <dt>Submitted by</dt>
          <dd>
            {s.submittedBy?.name}
            {s.submittedBy?.role ? ` (${roleLabel(s.submittedBy.role)})` : ''}
          </dd>
          <dt>Signed at</dt>
          <dd>
            <time dateTime={s.submittedAt}>{clock.instant(s.submittedAt)}</time>
          </dd>
          <dt>IP address</dt>
          <dd>{s.ipAddress || <span className="muted">Not recorded</span>}</dd>
          <dt>Device</dt>
          <dd className="submission__wrap">{s.userAgent || <span className="muted">Not recorded</span>}</dd>
          <dt>Content hash</dt>
          <dd className="submission__wrap">
            <code>{s.contentHash}</code>
          </dd>
          {typeof intact === 'boolean' && (
            <>
              <dt>Seal</dt>
              <dd>{intact ? 'Intact: the answers are as signed' : <strong className="submission__broken">Broken: the answers do not match the hash sealed at signing</strong>}</dd>
            </>
          )}
          <dt>Expires</dt>
          <dd>{s.expiresAt ? formDate(s.expiresAt) : 'Never'}</dd>
        </dl>
      </section>
    </div>
  );
}

/** Whether a field was shown to the signer: always, or when the earlier field it depends on had the value. */
function shown(field: FormField, answers: Record<string, AnswerValue> | undefined): boolean {
  if (answers && answers[field.id] !== undefined) return true;
  if (!field.visibleIf) return true;
  const other = answers?.[field.visibleIf.fieldId];
  return Array.isArray(other) ? other.includes(field.visibleIf.equals) : other === field.visibleIf.equals;
}

function Answer({ field, value, signerName }: { field: FormField; value: AnswerValue | undefined; signerName: string }) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
    return <span className="muted">Not answered</span>;
  switch (field.type) {
    case 'signature':
    case 'initials': {
      const alt = `${field.type === 'signature' ? 'Signature' : 'Initials'} of ${signerName}`;
      return typeof value === 'string' && value.startsWith('data:image/') ? (
        <img className="submission__signature" src={value} alt={alt} />
      ) : (
        <span className="muted">Not an image</span>
      );
    }
    case 'file':
      return typeof value === 'string' && value.startsWith('data:') ? (
        <a href={value} download={field.id}>
          Download the file <span className="sr-only">for {field.label}</span>
        </a>
      ) : (
        <span className="muted">Not a file</span>
      );
    case 'yesNo':
      return <>{value === 'yes' ? 'Yes' : value === 'no' ? 'No' : String(value)}</>;
    case 'multiChoice':
      return <>{Array.isArray(value) ? value.join(', ') : String(value)}</>;
    case 'date':
      return <>{typeof value === 'string' ? birthDateLabel(value) : String(value)}</>;
    default:
      return <span style={{ whiteSpace: 'pre-line' }}>{Array.isArray(value) ? value.join(', ') : String(value)}</span>;
  }
}
