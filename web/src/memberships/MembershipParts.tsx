import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { problemOf } from '../api/errors';
import { membershipDay, membershipsApi, type Membership } from '../api/memberships';
import { queryKeys } from '../api/queries';
import { useApi } from '../auth/AuthContext';
import { ProblemAlert } from '../ui/Alert';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/** When a membership began, until when it is paid (or runs, once cancelled), and — while active — its next charge. */
export function MembershipDates({ membership: m, nextLabel, next }: { membership: Membership; nextLabel: string; next: ReactNode }) {
  return (
    <dl className="facts">
      <dt>Member since</dt>
      <dd>{membershipDay(m.joinedAt)}</dd>
      <dt>{m.status === 'cancelled' ? 'Runs until' : 'Paid until'}</dt>
      <dd>{membershipDay(m.paidThrough)}</dd>
      {m.status === 'active' && m.nextChargeAt && (
        <>
          <dt>{nextLabel}</dt>
          <dd>{next}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * "Cancel membership", asked first in the words of whoever cancels (the patient, the desk): what stops and what stays
 * (`consequence`). Nothing is sent until confirmed; a refusal shows in the dialog.
 */
export function CancelMembershipButton(props: { membership: Membership; title: string; consequence: string; onCancelled: (m: Membership) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const m = props.membership;
  const cancel = useMutation({
    mutationFn: () => membershipsApi.cancel(api, m.id),
    onSuccess: (cancelled) => {
      setAsking(false);
      props.onCancelled(cancelled);
      void queryClient.invalidateQueries({ queryKey: queryKeys.memberships.ofPatient(m.patientId) });
    },
  });
  if (m.status === 'cancelled') return null;
  return (
    <>
      <button type="button" className="btn" onClick={() => setAsking(true)}>
        Cancel membership
      </button>
      {asking && (
        <ConfirmDialog
          title={props.title}
          confirmLabel="Cancel membership"
          cancelLabel="Keep it"
          danger
          busy={cancel.isPending}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setAsking(false)}
        >
          <p>{props.consequence}</p>
          {cancel.isError && <ProblemAlert problem={problemOf(cancel.error)} />}
        </ConfirmDialog>
      )}
    </>
  );
}
