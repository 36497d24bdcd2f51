import { Link } from 'react-router-dom';
import {
  formKindLabel,
  OUTSTANDING_REASON_LABELS,
  usePatientForms,
  type OutstandingForm,
  type SubmissionSummary,
} from '../../api/forms';
import { birthDateLabel } from '../../api/patients';
import { useAuth } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { localDate } from '../../booking/time';
import { Loading, LoadProblem } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { MyRecordPage } from '../MyRecordPage';
import '../../forms/forms.css';

/** "23 Apr 2027" for an instant, in the browser's zone. */
export function dateLabel(iso: string): string {
  return birthDateLabel(localDate(iso));
}

/** The page that fills a form, for an appointment when it is for one. */
export function fillPath(form: { formId: string; appointmentId?: string | null }): string {
  const base = `/patient/forms/${encodeURIComponent(form.formId)}`;
  return form.appointmentId ? `${base}?appointment=${encodeURIComponent(form.appointmentId)}` : base;
}

/** /patient/forms — the forms the patient still has to fill in, and those on file with their version and expiry. */
export function MyFormsPage() {
  const { me } = useAuth();
  useDocumentTitle('My forms');
  const patientId = me?.patientId ?? '';
  const forms = usePatientForms(patientId);

  return (
    <MyRecordPage title="My forms" linked={!!patientId}>
      {forms.isPending ? (
        <Loading label="Loading your forms…" />
      ) : forms.isError ? (
        <LoadProblem error={forms.error} retry={() => void forms.refetch()} />
      ) : (
        <>
          <section className="panel" aria-labelledby="forms-to-fill-h">
            <h2 id="forms-to-fill-h">To fill in</h2>
            {forms.data.outstanding.length === 0 ? (
              <EmptyState title="Nothing to fill in">
                <p className="muted">When the clinic needs a form from you, it shows up here.</p>
              </EmptyState>
            ) : (
              <ul className="form-list">
                {forms.data.outstanding.map((f) => (
                  <OutstandingItem key={`${f.formId}-${f.appointmentId ?? ''}`} form={f} />
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="forms-done-h">
            <h2 id="forms-done-h">Completed</h2>
            {forms.data.submissions.length === 0 ? (
              <EmptyState title="No completed forms yet" />
            ) : (
              <ul className="form-list">
                {forms.data.submissions.map((s) => (
                  <SubmissionItem key={s.id} submission={s} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </MyRecordPage>
  );
}

function OutstandingItem({ form }: { form: OutstandingForm }) {
  const clock = useClock();
  const titleId = `outstanding-${form.formId}-${form.appointmentId ?? ''}`;
  return (
    <li className="form-list__item">
      <div>
        <h3 id={titleId} className="form-list__title">
          {form.name}
        </h3>
        <p className="muted">
          {formKindLabel(form.kind)} · {OUTSTANDING_REASON_LABELS[form.reason] ?? form.reason}
        </p>
        {form.startTime && <p className="muted">For your visit on {clock.longDateTime(form.startTime)}</p>}
      </div>
      <Link className="btn btn--primary" to={fillPath(form)} aria-describedby={titleId}>
        Fill in
      </Link>
    </li>
  );
}

function SubmissionItem({ submission: s }: { submission: SubmissionSummary }) {
  return (
    <li className={`form-list__item${s.supersededBy || s.expired ? ' is-old' : ''}`}>
      <div>
        <h3 className="form-list__title">
          {s.formName}
          {s.supersededBy && <span className="badge">Replaced by a newer one</span>}
          {!s.supersededBy && s.expired && <span className="badge badge--expired">Expired</span>}
        </h3>
        <p className="muted">
          {formKindLabel(s.kind)} · Version {s.version}
        </p>
        <p>
          Completed <time dateTime={s.submittedAt}>{dateLabel(s.submittedAt)}</time>
          {s.signerName && <> · signed by {s.signerName}</>}
        </p>
        <p className="muted">
          {s.expiresAt ? (
            <>
              {s.expired ? 'Expired' : 'Valid until'} <time dateTime={s.expiresAt}>{dateLabel(s.expiresAt)}</time>
            </>
          ) : (
            'Does not expire'
          )}
        </p>
      </div>
    </li>
  );
}
