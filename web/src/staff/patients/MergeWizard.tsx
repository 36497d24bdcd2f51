import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useFocusOnStep } from '../../ui/useFocusOnNavigate';
import { problemOf } from '../../api/errors';
import {
  MERGE_FIELDS,
  MERGE_UNDO_DAYS,
  birthDateLabel,
  formatPhone,
  patientStatusLabel,
  patientsApi,
  type MergeField,
  type MergeNote,
  type MergeOutcome,
  type MergeSide,
  type PatientListItem,
  type PatientRecord,
} from '../../api/patients';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { Modal } from '../../ui/Modal';
import { useNow } from '../../booking/useNow';
import { PatientFinder } from './PatientSearchResults';

/**
 * Merging a duplicate record into the one on screen (the survivor), in a dialog: find the duplicate, choose field by field
 * whose value stays, confirm, then the outcome with a way to undo. The lists and the family are joined by the API, and
 * what belongs to the duplicate (appointments, forms, communications, waitlist) moves to this record.
 */

type Choices = Record<MergeField, MergeSide>;
type Step = 'pick' | 'compare' | 'confirm' | 'done';

const STEP_HEADINGS: Record<Step, string> = {
  pick: 'Step 1 of 3: find the duplicate',
  compare: 'Step 2 of 3: choose what to keep',
  confirm: 'Step 3 of 3: confirm',
  done: 'Merged',
};

/** "Maria Lopez": the name a merge goes by (the API's merge note uses the legal name too). */
export const legalName = (r: { firstName: string; lastName: string }) => `${r.firstName} ${r.lastName}`.trim();

/** A field's value as the comparison shows it; '' when the record has none. */
export function mergeValue(r: PatientRecord, field: MergeField): string {
  switch (field) {
    case 'dateOfBirth':
      return r.dateOfBirth ? birthDateLabel(r.dateOfBirth) : '';
    case 'phone':
      return formatPhone(r.phone);
    case 'alternatePhone':
      return formatPhone(r.alternatePhone);
    case 'address': {
      const a = r.address;
      return a ? [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter((s) => s && s.trim()).join(', ') : '';
    }
    case 'status':
      return r.status ? patientStatusLabel(r.status) : '';
    case 'communicationPreferences': {
      const p = r.communicationPreferences;
      if (!p) return '';
      const on = [p.emailReminders && 'email reminders', p.smsReminders && 'text reminders', p.marketingEmails && 'news and offers'].filter(Boolean);
      return on.length ? `${on.join(', ')}`.replace(/^./, (c) => c.toUpperCase()) : 'Nothing';
    }
    default:
      return (r[field] ?? '').trim();
  }
}

/** This record's value stays, except where it has none and the duplicate has one. */
export function defaultChoices(survivor: PatientRecord, duplicate: PatientRecord): Choices {
  return Object.fromEntries(
    MERGE_FIELDS.map((f) => [f.name, !mergeValue(survivor, f.name) && mergeValue(duplicate, f.name) ? 'duplicate' : 'survivor']),
  ) as Choices;
}

/** Until when a merge note can be undone. */
export function undoableUntil(note: Pick<MergeNote, 'at'>): number {
  return Date.parse(note.at) + MERGE_UNDO_DAYS * 24 * 60 * 60 * 1000;
}

/** "24 Nov 2026", for the day of a merge (on the device's calendar). */
export function dayLabel(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}

export const movedLabel = (n: number) => (n === 1 ? '1 item moved' : `${n} items moved`);

export function MergeWizard(props: {
  record: PatientRecord;
  onClose: () => void;
  /** The merge was made: the survivor as the API now has it. */
  onMerged: (outcome: MergeOutcome) => void;
  /** The merge was undone from here: the survivor as it was. */
  onUndone: (restored: PatientRecord, duplicateName: string) => void;
}) {
  const { record } = props;
  const api = useApi();
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [step, setStep] = useState<Step>('pick');
  const [duplicate, setDuplicate] = useState<PatientRecord | null>(null);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [outcome, setOutcome] = useState<MergeOutcome | null>(null);
  const [undone, setUndone] = useState(false);
  // Whether the merge can still be undone: checked once a minute while the outcome shows.
  const now = useNow(60_000, step === 'done');

  useFocusOnStep(headingRef, step);

  const pick = useMutation({
    mutationFn: (p: PatientListItem) => patientsApi.get(api, p.id),
    onMutate: () => setProblem(null),
    onSuccess: (dup) => {
      if (dup.id === record.id || dup.mergedInto) {
        setProblem({ title: 'That record was merged already', status: 409, detail: 'Choose another record.', errors: {} });
        return;
      }
      setDuplicate(dup);
      setChoices(defaultChoices(record, dup));
      setStep('compare');
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const merge = useMutation({
    mutationFn: () => patientsApi.merge(api, record.id, { duplicateId: duplicate!.id, fields: { ...choices! } }),
    onMutate: () => setProblem(null),
    onSuccess: (done) => {
      setOutcome(done);
      setStep('done');
      props.onMerged(done);
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const undo = useMutation({
    mutationFn: () => patientsApi.unmerge(api, record.id, outcome!.mergeId),
    onMutate: () => setProblem(null),
    onSuccess: (restored) => {
      setUndone(true);
      props.onUndone(restored, duplicate ? legalName(duplicate) : 'The duplicate');
    },
    onError: (e) => setProblem(problemOf(e)),
  });

  const dupName = duplicate ? legalName(duplicate) : '';
  const busy = pick.isPending || merge.isPending || undo.isPending;

  return (
    <Modal title="Merge a duplicate" onClose={props.onClose} initialFocus={searchRef} wide>
      <div className="merge-wizard" aria-busy={busy || undefined}>
        <h3 ref={headingRef} tabIndex={-1} className="merge-wizard__step">
          {STEP_HEADINGS[step]}
        </h3>
        {problem && (
          <ProblemAlert problem={problem}>
            {problem.errors && Object.keys(problem.errors).length > 0 && (
              <ul>
                {Object.entries(problem.errors).map(([k, m]) => (
                  <li key={k}>
                    {fieldLabel(k)}: {m.join(' ')}
                  </li>
                ))}
              </ul>
            )}
          </ProblemAlert>
        )}

        {step === 'pick' && (
          <PickStep
            record={record}
            searchRef={searchRef}
            busy={pick.isPending}
            onPick={(p) => !pick.isPending && pick.mutate(p)}
            onCancel={props.onClose}
          />
        )}

        {step === 'compare' && duplicate && choices && (
          <>
            <CompareTable record={record} duplicate={duplicate} choices={choices} onChoose={(f, side) => setChoices({ ...choices, [f]: side })} />
            <MergeNoteText />
            <div className="actions">
              <button type="button" className="btn btn--primary" onClick={() => setStep('confirm')}>
                Continue
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setProblem(null);
                  setStep('pick');
                }}
              >
                Back
              </button>
            </div>
          </>
        )}

        {step === 'confirm' && duplicate && choices && (
          <>
            <p>
              <strong>{dupName}</strong> will be merged into <strong>{record.displayName}</strong>’s record, which is kept.
            </p>
            <ChoiceSummary choices={choices} />
            <MergeNoteText />
            <p>You can undo the merge for {MERGE_UNDO_DAYS} days, as long as this record is not edited in the meantime.</p>
            <div className="actions">
              <button type="button" className="btn btn--primary" disabled={merge.isPending} onClick={() => !merge.isPending && merge.mutate()}>
                {merge.isPending ? 'Merging…' : `Merge ${dupName} (duplicate) into this record`}
              </button>
              <button type="button" className="btn" disabled={merge.isPending} onClick={() => setStep('compare')}>
                Back
              </button>
            </div>
          </>
        )}

        {step === 'done' && outcome && (
          <>
            {undone ? (
              <StatusMessage>Merge undone. {dupName} is a separate record again, with their appointments and forms.</StatusMessage>
            ) : (
              <StatusMessage>
                <p>Merged. {movedLabel(outcome.moved)}.</p>
                {now < Date.parse(outcome.undoUntil) && <p>You can undo the merge until {dayLabel(outcome.undoUntil)}.</p>}
              </StatusMessage>
            )}
            <div className="actions">
              {!undone && now < Date.parse(outcome.undoUntil) && (
                <button type="button" className="btn" disabled={undo.isPending} onClick={() => !undo.isPending && undo.mutate()}>
                  {undo.isPending ? 'Undoing…' : 'Undo merge'}
                </button>
              )}
              <button type="button" className="btn btn--primary" onClick={props.onClose}>
                Done
              </button>
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}

function fieldLabel(path: string): string {
  if (path === 'duplicateId') return 'Duplicate';
  const name = path.replace(/^fields\./, '');
  return MERGE_FIELDS.find((f) => f.name === name)?.label ?? path;
}

function PickStep({
  searchRef,
  ...props
}: {
  record: PatientRecord;
  searchRef: React.RefObject<HTMLInputElement | null>;
  busy: boolean;
  onPick: (p: PatientListItem) => void;
  onCancel: () => void;
}) {
  return (
    <>
      <PatientFinder
        label="Find the duplicate record"
        hint={`Name, email or phone. ${props.record.displayName}’s own record is left out.`}
        noMatch={(q) => `No other patients match “${q}”.`}
        exclude={(p) => p.id === props.record.id || p.archived}
        withPhone
        disabled={props.busy}
        inputRef={searchRef}
        onChoose={props.onPick}
      />
      {props.busy && <Loading label="Loading the duplicate’s record…" />}
      <div className="actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** One row per field the desk chooses, the two values side by side, a radio on each. */
function CompareTable(props: { record: PatientRecord; duplicate: PatientRecord; choices: Choices; onChoose: (field: MergeField, side: MergeSide) => void }) {
  const id = useId();
  const dupName = legalName(props.duplicate);
  return (
    <div className="table-wrap">
      <table className="merge-compare">
        <caption>Which value the kept record has after the merge. Where this record has none, the duplicate’s is chosen.</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">This record ({props.record.displayName})</th>
            <th scope="col">Duplicate ({dupName})</th>
          </tr>
        </thead>
        <tbody>
          {MERGE_FIELDS.map((f) => (
            <tr key={f.name}>
              <th scope="row">{f.label}</th>
              {(['survivor', 'duplicate'] as const).map((side) => {
                const value = mergeValue(side === 'survivor' ? props.record : props.duplicate, f.name);
                const inputId = `${id}-${f.name}-${side}`;
                return (
                  <td key={side}>
                    <input
                      id={inputId}
                      type="radio"
                      name={`${id}-${f.name}`}
                      value={side}
                      checked={props.choices[f.name] === side}
                      onChange={() => props.onChoose(f.name, side)}
                    />{' '}
                    <label htmlFor={inputId}>
                      <span className="sr-only">{`${f.label}, ${side === 'survivor' ? 'this record' : 'duplicate'}:`}</span> {value || <span className="muted">None</span>}
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MergeNoteText() {
  return (
    <div className="notice merge-wizard__note" role="note">
      <p>
        <strong>Joined automatically:</strong> allergies, medical alerts, medications, tags and family members (both records’ entries are kept).
      </p>
      <p>
        <strong>Moved to this record:</strong> appointments, forms and consents, communications and waitlist entries. The duplicate is archived,
        and opening it leads here.
      </p>
    </div>
  );
}

function ChoiceSummary({ choices }: { choices: Choices }) {
  const fromDuplicate = MERGE_FIELDS.filter((f) => choices[f.name] === 'duplicate').map((f) => f.label);
  return fromDuplicate.length === 0 ? (
    <p>Every field keeps this record’s value.</p>
  ) : (
    <p>
      Taken from the duplicate: {fromDuplicate.join(', ')}. Every other field keeps this record’s value.
    </p>
  );
}
