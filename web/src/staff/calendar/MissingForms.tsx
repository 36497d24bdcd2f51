import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formKindLabel, type MissingForm } from '../../api/forms';
import { isApiError, problemOf } from '../../api/errors';
import { ProblemAlert } from '../../ui/Alert';
import { FieldMessages } from '../../ui/Field';
import { Modal } from '../../ui/Modal';
import './calendarForms.css';

export const OVERRIDE_REASON_MAX = 500;

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

/** "Medical history and Dermal filler consent": the forms' names as a sentence reads them. */
export function formNames(forms: readonly Pick<MissingForm, 'name'>[]): string {
  return list.format(forms.map((f) => f.name));
}

/** The forms an appointment still needs, each with its kind (intake form, consent, photo release). */
export function MissingFormsList({ forms, label }: { forms: readonly MissingForm[]; label?: string }) {
  return (
    <ul className="missing-forms" aria-label={label}>
      {forms.map((f) => (
        <li key={f.formId}>
          {f.name} <span className="missing-forms__kind">({formKindLabel(f.kind)})</span>
        </li>
      ))}
    </ul>
  );
}

/** Said right after a check-in when forms are still missing: which ones, to ask for them before the treatment. */
export function CheckedInWithFormsMissing({ patientName, forms }: { patientName: string; forms: readonly MissingForm[] }) {
  if (forms.length === 0) return null;
  return (
    <div className="alert alert--warning" role="alert">
      <p className="alert__title">Checked in with forms missing</p>
      <p>
        {patientName} has not completed {formNames(forms)}. Ask them to complete {forms.length === 1 ? 'it' : 'them'} before the
        treatment.
      </p>
    </div>
  );
}

/**
 * The API refused to complete a visit because a consent it requires is missing: completing it anyway needs a reason,
 * which the API records in the audit log. Confirming sends the reason; "Don't complete" leaves the visit as it was.
 */
export function OverrideDialog(props: {
  forms: readonly MissingForm[];
  patientName: string;
  busy: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [blank, setBlank] = useState(false);
  // The API's word on the reason (too long, not plain text) goes next to it; anything else in the alert above.
  const serverMessages = isApiError(props.error) ? (props.error.fieldErrors.overrideReason ?? []) : [];
  const message = blank ? ['Enter the reason for completing without it.'] : serverMessages;
  const invalid = message.length > 0;
  const refusedReason = serverMessages.length > 0;
  useEffect(() => {
    if (refusedReason) reasonRef.current?.focus();
  }, [refusedReason, props.error]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (props.busy) return;
    const trimmed = reason.trim();
    if (!trimmed) {
      setBlank(true);
      reasonRef.current?.focus();
      return;
    }
    setBlank(false);
    props.onConfirm(trimmed);
  }

  return (
    <Modal title="Consent missing" onClose={props.onCancel} initialFocus={reasonRef} describedBy={`${id}-why`} closeButton={false}>
      <div id={`${id}-why`}>
        <p>{props.patientName} has not completed what this treatment requires:</p>
        <MissingFormsList forms={props.forms} />
        <p>To complete the visit anyway, say why. Your reason is recorded in the audit log.</p>
      </div>
      {props.error != null && serverMessages.length === 0 && <ProblemAlert problem={problemOf(props.error)} />}
      <form noValidate onSubmit={submit} aria-label="Complete without the consent">
        <div className={`field${invalid ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-reason`}>Reason for completing without it</label>
          <textarea
            id={`${id}-reason`}
            ref={reasonRef}
            rows={3}
            maxLength={OVERRIDE_REASON_MAX}
            required
            aria-required="true"
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
            value={reason}
            disabled={props.busy}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${id}-hint`} className="field__hint">
            Up to {OVERRIDE_REASON_MAX} characters, for example: consent given on paper, scanned later.
          </p>
          <FieldMessages id={`${id}-error`} messages={message} />
        </div>
        <div className="actions">
          <button type="submit" className="btn btn--danger" disabled={props.busy}>
            {props.busy ? 'Completing…' : 'Complete without it'}
          </button>
          <button type="button" className="btn" onClick={props.onCancel} disabled={props.busy}>
            Don’t complete
          </button>
        </div>
      </form>
    </Modal>
  );
}
