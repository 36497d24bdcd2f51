import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { isApiError, problemOf } from '../../api/errors';
import { currentMembership, INTERVAL_LABEL, MEMBERSHIP_STATUS as STATUS, membershipDay as day, membershipsApi, type Membership, type MembershipPlan } from '../../api/memberships';
import { formatMoney } from '../../api/money';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi, useAuth } from '../../auth/AuthContext';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { CancelMembershipButton, MembershipDates } from '../../memberships/MembershipParts';
import { MyRecordPage } from '../MyRecordPage';

/**
 * /patient/membership — "My membership" (on a phone, usually; the link in a declined-payment message opens it): the
 * membership and what it costs, when it is paid to and next charged; a declined payment said plainly with the way to
 * pay it or add a card; cancelling after asking. Without one, the clinic's plans, each joined with the card on file.
 */
export function MyMembershipPage() {
  useDocumentTitle('My membership');
  const { me } = useAuth();
  const patientId = me?.patientId ?? '';
  const memberships = useApiQuery(queryKeys.memberships.ofPatient(patientId), (api, signal) => membershipsApi.ofPatient(api, patientId, signal), { enabled: !!patientId });
  const [flash, setFlash] = useState('');
  const current = memberships.data && currentMembership(memberships.data);
  const past = memberships.data?.filter((m) => m !== current) ?? [];

  return (
    <MyRecordPage title="My membership" linked={!!patientId}>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {memberships.isPending ? (
        <Loading label="Loading your membership…" />
      ) : memberships.isError ? (
        <LoadProblem error={memberships.error} retry={() => void memberships.refetch()} />
      ) : (
        <>
          {current ? <CurrentMembership membership={current} onCancelled={setFlash} /> : <Plans patientId={patientId} onJoined={setFlash} />}
          {past.length > 0 && (
            <section aria-labelledby="past-h" className="panel">
              <h2 id="past-h">Earlier memberships</h2>
              <ul>
                {past.map((m) => (
                  <li key={m.id}>
                    {m.planName}: {STATUS[m.status].toLowerCase()}
                    {m.endedAt ? ` on ${day(m.endedAt)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </MyRecordPage>
  );
}

function CurrentMembership({ membership: m, onCancelled }: { membership: Membership; onCancelled: (note: string) => void }) {
  return (
    <article className="card membership-card" aria-labelledby="membership-h">
      <h2 id="membership-h">{m.planName}</h2>
      <p>
        <span className="badge">{STATUS[m.status]}</span> {formatMoney(m.price)} {INTERVAL_LABEL[m.interval]}
      </p>
      {m.benefits && <p>{m.benefits}</p>}
      {m.status === 'past-due' && (
        <div className="alert alert--error" role="alert">
          <p>
            <strong>We couldn’t take {formatMoney({ amount: m.owed || m.price.amount, currency: m.price.currency })} for this {m.interval === 'yearly' ? 'year' : 'month'}.</strong>{' '}
            {m.lastFailure}
          </p>
          <p>
            {m.nextChargeAt ? `We will try your card again on ${day(m.nextChargeAt)}.` : ''} Pay now to keep your membership, or add a new card before then.
          </p>
          <p className="actions">
            <Link className="btn btn--primary" to="/patient/invoices">
              Pay {formatMoney({ amount: m.owed || m.price.amount, currency: m.price.currency })} now
            </Link>
            <Link className="btn" to="/patient/cards">
              Add a new card
            </Link>
          </p>
        </div>
      )}
      <MembershipDates membership={m} nextLabel="Next payment" next={`${formatMoney(m.price)} on ${day(m.nextChargeAt ?? m.paidThrough)}, to your card on file`} />
      <CancelMembershipButton
        membership={m}
        title={`Cancel your ${m.planName}?`}
        consequence={m.status === 'past-due' ? 'Nothing more will be charged, and the unpaid amount is written off.' : `Nothing more will be charged. You stay a member until ${day(m.paidThrough)}.`}
        onCancelled={() => onCancelled(`Your ${m.planName} is cancelled. Nothing more will be charged; it runs until ${day(m.paidThrough)}.`)}
      />
    </article>
  );
}

function Plans({ patientId, onJoined }: { patientId: string; onJoined: (note: string) => void }) {
  const plans = useApiQuery(queryKeys.memberships.plans, (api, signal) => membershipsApi.plans(api, signal));
  if (plans.isPending) return <Loading label="Loading the clinic’s memberships…" />;
  if (plans.isError) return <LoadProblem error={plans.error} retry={() => void plans.refetch()} />;
  if (plans.data.length === 0) return <p>You are not a member. The clinic offers no memberships at the moment.</p>;
  return (
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">Become a member</h2>
      <p>The first payment is taken from your card on file when you join, then again each month or year until you cancel.</p>
      <ul className="plan-list">
        {plans.data.map((plan) => (
          <li key={plan.id}>
            <PlanCard plan={plan} patientId={patientId} onJoined={onJoined} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function PlanCard({ plan, patientId, onJoined }: { plan: MembershipPlan; patientId: string; onJoined: (note: string) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = useRef(crypto.randomUUID());
  const join = useMutation({
    mutationFn: () => membershipsApi.join(api, { patientId, planId: plan.id, idempotencyKey: key.current }),
    onSuccess: (m) => {
      onJoined(`Welcome! Your ${m.planName} has started: ${formatMoney(m.price)} was charged to your card.`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.memberships.ofPatient(patientId) });
    },
    onError: () => {
      key.current = crypto.randomUUID(); // a new card, a new try
    },
  });
  const noCard = join.isError && isApiError(join.error) && /card on file|expired/.test(problemOf(join.error).detail ?? '');
  return (
    <article className="card" aria-label={plan.name}>
      <h3>{plan.name}</h3>
      <p>
        {formatMoney(plan.price)} {INTERVAL_LABEL[plan.interval]}
      </p>
      {plan.benefits && <p>{plan.benefits}</p>}
      {join.isError && (
        <ProblemAlert problem={problemOf(join.error)}>
          {noCard && (
            <p>
              <Link to="/patient/cards">Add a card</Link>, then join.
            </p>
          )}
        </ProblemAlert>
      )}
      <button type="button" className="btn btn--primary" disabled={join.isPending} onClick={() => join.mutate()}>
        {join.isPending ? 'Joining…' : `Join for ${formatMoney(plan.price)}`}
      </button>
    </article>
  );
}
