import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { problemOf } from '../../api/errors';
import { currentMembership, INTERVAL_LABEL, MEMBERSHIP_STATUS, membershipDay, membershipsApi, type Membership } from '../../api/memberships';
import { formatMoney } from '../../api/money';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi } from '../../auth/AuthContext';
import { CancelMembershipButton, MembershipDates } from '../../memberships/MembershipParts';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';

/**
 * The Billing tab's membership (desk and admins): the patient's plan, whether it is paid and when it is next charged; a
 * declined payment with its reason and the invoice to take it on; joining a plan (charged to the card on file at once)
 * and cancelling after asking.
 */
export function PatientMembershipPanel({ patientId, patientName }: { patientId: string; patientName: string }) {
  const memberships = useApiQuery(queryKeys.memberships.ofPatient(patientId), (api, signal) => membershipsApi.ofPatient(api, patientId, signal));
  const [flash, setFlash] = useState('');
  const current = memberships.data && currentMembership(memberships.data);
  return (
    <section aria-labelledby="membership-h">
      <h2 id="membership-h">Membership</h2>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {memberships.isPending ? (
        <Loading label="Loading the membership…" />
      ) : memberships.isError ? (
        <LoadProblem error={memberships.error} retry={() => void memberships.refetch()} />
      ) : current ? (
        <CurrentMembership membership={current} patientName={patientName} onChanged={setFlash} />
      ) : (
        <JoinPlan patientId={patientId} patientName={patientName} onJoined={setFlash} />
      )}
    </section>
  );
}

function CurrentMembership({ membership: m, patientName, onChanged }: { membership: Membership; patientName: string; onChanged: (note: string) => void }) {
  return (
    <div className="card">
      <p>
        <strong>{m.planName}</strong> · {formatMoney(m.price)} {INTERVAL_LABEL[m.interval]} · <span className="badge">{MEMBERSHIP_STATUS[m.status]}</span>
      </p>
      {m.status === 'past-due' && (
        <div className="alert alert--error" role="alert">
          <p>
            <strong>{formatMoney({ amount: m.owed, currency: m.price.currency })} unpaid.</strong> {m.lastFailure}{' '}
            {m.nextChargeAt && `The card is tried again on ${membershipDay(m.nextChargeAt)}; after the last try the membership ends.`}
          </p>
          {m.owedInvoiceId && (
            <Link className="btn btn--primary" to={`/staff/invoices/${encodeURIComponent(m.owedInvoiceId)}`}>
              Take the payment
            </Link>
          )}
        </div>
      )}
      <MembershipDates membership={m} nextLabel="Next charge" next={membershipDay(m.nextChargeAt ?? m.paidThrough)} />
      <CancelMembershipButton
        membership={m}
        title={`Cancel ${patientName}’s ${m.planName}?`}
        consequence={m.status === 'past-due' ? 'Nothing more is charged and the unpaid amount is written off.' : `Nothing more is charged; the membership runs until ${membershipDay(m.paidThrough)}.`}
        onCancelled={() => onChanged(`${patientName}’s ${m.planName} is cancelled: nothing more will be charged.`)}
      />
    </div>
  );
}

function JoinPlan({ patientId, patientName, onJoined }: { patientId: string; patientName: string; onJoined: (note: string) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const selectId = useId();
  const plans = useApiQuery(queryKeys.memberships.plans, (a, signal) => membershipsApi.plans(a, signal));
  const [planId, setPlanId] = useState('');
  const key = useRef(crypto.randomUUID());
  const plan = plans.data?.find((p) => p.id === (planId || plans.data?.[0]?.id));
  const join = useMutation({
    mutationFn: () => membershipsApi.join(api, { patientId, planId: plan?.id ?? '', idempotencyKey: key.current }),
    onSuccess: (m) => {
      key.current = crypto.randomUUID();
      onJoined(`${patientName} joined ${m.planName}: ${formatMoney(m.price)} was charged to the card on file.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.memberships.ofPatient(patientId) });
    },
    onError: () => {
      key.current = crypto.randomUUID();
    },
  });
  if (plans.isPending) return <Loading label="Loading the plans…" />;
  if (plans.isError) return <LoadProblem error={plans.error} retry={() => void plans.refetch()} />;
  if (plans.data.length === 0) return <p>Not a member. The clinic sells no memberships yet.</p>;
  return (
    <div>
      <p>Not a member.</p>
      <div className="field">
        <label htmlFor={selectId}>Plan</label>
        <select id={selectId} value={plan?.id ?? ''} onChange={(e) => setPlanId(e.target.value)}>
          {plans.data.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} — {formatMoney(p.price)} {INTERVAL_LABEL[p.interval]}
            </option>
          ))}
        </select>
      </div>
      {plan?.benefits && <p className="muted">{plan.benefits}</p>}
      {join.isError && <ProblemAlert problem={problemOf(join.error)} />}
      <button type="button" className="btn btn--primary" disabled={join.isPending || !plan} onClick={() => join.mutate()}>
        {join.isPending ? 'Joining…' : `Join and charge ${plan ? formatMoney(plan.price) : ''} to the card on file`}
      </button>
    </div>
  );
}
