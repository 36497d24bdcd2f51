import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Model } from 'survey-core';
import { isApiError, problemOf } from '../../api/errors';
import { formKindLabel, useFormVersion, useSubmitForm, type FormVersion, type Submission } from '../../api/forms';
import { birthDateLabel } from '../../api/patients';
import type { FieldErrors, ProblemDetails } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { localDate } from '../../booking/time';
import SurveyForm from '../../forms/SurveyForm';
import { questionOfErrorPath, signerNameOf, toAnswers, toSurveyJson } from '../../forms/surveyJson';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { NotLinkedYet } from '../MyRecordPage';

/**
 * /patient/forms/:formId (`?for=<childPatientId>&appointment=<id>`): the latest version of a form, filled in and
 * signed on the patient's phone. Loaded lazily: it carries SurveyJS.
 */
export default function FillFormPage() {
  const { formId = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useAuth();
  const patientId = params.get('for') || me?.patientId || '';
  const appointmentId = params.get('appointment') || undefined;
  const version = useFormVersion(formId);
  const [done, setDone] = useState<Submission | null>(null);
  // What the patient has typed so far: a newer version, loaded after a refusal, starts from it.
  const typed = useRef<Record<string, unknown>>({});
  useDocumentTitle(version.data?.name ?? 'Fill in a form');

  return (
    <div className="form-fill">
      {!done && (
        <p className="back-link">
          <Link to="/patient/forms">Back to my forms</Link>
        </p>
      )}
      {!patientId ? (
        <>
          <h1>Fill in a form</h1>
          <NotLinkedYet />
        </>
      ) : version.isPending ? (
        <>
          <h1>Fill in a form</h1>
          <Loading label="Loading the form…" />
        </>
      ) : version.isError ? (
        <>
          <h1>Fill in a form</h1>
          {isApiError(version.error) && version.error.status === 404 ? (
            <ProblemAlert
              problem={{ title: 'This form is not available', status: 404, detail: 'It may not be published yet. Ask the clinic to send it again.' }}
            />
          ) : (
            <LoadProblem error={version.error} retry={() => void version.refetch()} />
          )}
        </>
      ) : done ? (
        <Done submission={done} version={version.data} />
      ) : (
        <>
          <h1>{version.data.name}</h1>
          <p className="muted">
            {formKindLabel(version.data.kind)}
            {params.get('for') ? ' · for a family member' : ''}
          </p>
          {version.data.description && <p>{version.data.description}</p>}
          <FillForm
            key={`${version.data.formId}-${version.data.version}`}
            version={version.data}
            patientId={patientId}
            appointmentId={appointmentId}
            typed={typed}
            onDone={setDone}
            reload={() => void version.refetch()}
          />
        </>
      )}
    </div>
  );
}

function Done({ submission, version }: { submission: Submission; version: FormVersion }) {
  const name = submission.formName || version.name;
  return (
    <>
      <h1>Thank you</h1>
      <StatusMessage>
        <p className="alert__title">Thank you — your {name} is on file.</p>
        {submission.expiresAt && <p>It is valid until {birthDateLabel(localDate(submission.expiresAt))}.</p>}
      </StatusMessage>
      <p>
        <Link className="btn btn--primary" to="/patient/forms">
          Back to my forms
        </Link>
      </p>
      <p>
        <Link to="/patient">Back to your account</Link>
      </p>
    </>
  );
}

/**
 * The survey and its submission. The model lives as long as this form is shown, so a refused submission keeps every
 * answer; the server's field errors show under their questions, the rest in the alert.
 */
function FillForm(props: {
  version: FormVersion;
  patientId: string;
  appointmentId?: string;
  typed: { current: Record<string, unknown> };
  onDone: (s: Submission) => void;
  reload: () => void;
}) {
  const { version, patientId, appointmentId, typed, onDone, reload } = props;
  const [model] = useState(() => {
    const m = new Model(toSurveyJson(version, { signer: true }));
    m.mergeData(typed.current);
    return m;
  });
  const { mutate: submit, isPending: sendingNow } = useSubmitForm();
  const [refusal, setRefusal] = useState<{ problem: ProblemDetails; unmatched: FieldErrors } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const sending = useRef(false);

  useEffect(() => {
    const fieldIds = version.sections.flatMap((s) => s.fields.map((f) => f.id));

    function showRefusal(e: unknown) {
      const problem = problemOf(e);
      const unmatched: FieldErrors = {};
      let first: ReturnType<Model['getQuestionByName']> | null = null;
      for (const [path, messages] of Object.entries(problem.errors ?? {})) {
        const name = questionOfErrorPath(path, fieldIds);
        const question = name ? model.getQuestionByName(name) : null;
        if (question && question.isVisible) {
          for (const m of messages) question.addError(m);
          first ??= question;
        } else unmatched[path] = messages;
      }
      setRefusal({ problem, unmatched });
      if (first) {
        if (first.page && model.currentPage !== first.page) model.currentPage = first.page;
        first.focus(true);
      } else requestAnimationFrame(() => alertRef.current?.focus());
    }

    const onCompleting = (_: Model, options: { allow: boolean }) => {
      // The survey stays open (and keeps the answers) until the clinic has the submission; the page then says so.
      options.allow = false;
      if (sending.current) return;
      sending.current = true;
      setRefusal(null);
      submit(
        {
          formId: version.formId,
          body: {
            patientId,
            version: version.version,
            answers: toAnswers(version, model.data),
            signerName: signerNameOf(model.data),
            ...(appointmentId ? { appointmentId } : {}),
          },
        },
        {
          onSuccess: (submission) => onDone(submission),
          onError: showRefusal,
          onSettled: () => {
            sending.current = false;
          },
        },
      );
    };
    const keep = (sender: Model) => {
      typed.current = { ...sender.data };
    };
    model.onCompleting.add(onCompleting);
    model.onValueChanged.add(keep);
    return () => {
      model.onCompleting.remove(onCompleting);
      model.onValueChanged.remove(keep);
    };
  }, [model, version, patientId, appointmentId, onDone, submit, typed]);

  return (
    <>
      {refusal && (
        <ProblemAlert ref={alertRef} problem={refusal.problem}>
          {Object.keys(refusal.problem.errors ?? {}).length > Object.keys(refusal.unmatched).length && (
            <p>Please check the answers marked below.</p>
          )}
          {refusal.problem.status === 409 && (
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                setRefusal(null);
                reload();
              }}
            >
              Load the current version
            </button>
          )}
          {Object.entries(refusal.unmatched).length > 0 && (
            <ul>
              {Object.entries(refusal.unmatched).map(([path, messages]) => (
                <li key={path}>{messages.join(' ')}</li>
              ))}
            </ul>
          )}
        </ProblemAlert>
      )}
      {sendingNow && <Loading label="Sending your form…" />}
      <SurveyForm model={model} />
    </>
  );
}
