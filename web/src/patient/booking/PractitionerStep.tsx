import type { UseQueryResult } from '@tanstack/react-query';
import type { Dispatch } from 'react';
import type { BookingPractitioner } from '../../api/booking';
import { Loading, LoadProblem } from '../../ui/Alert';
import { ANY, type BookingAction } from './bookingState';
import { Choice, ChoiceGroup } from './Choice';
import { StepActions } from './StepActions';

/** Step 2: a practitioner who performs the treatment, or any available one. */
export function PractitionerStep(props: {
  practitioners: UseQueryResult<BookingPractitioner[]>;
  practitionerId: string;
  dispatch: Dispatch<BookingAction>;
}) {
  const { practitioners, practitionerId, dispatch } = props;
  const choose = (id: string) => dispatch({ type: 'choosePractitioner', practitionerId: id });
  return (
    <div>
      {practitioners.isPending ? (
        <Loading label="Loading practitioners…" />
      ) : practitioners.isError ? (
        <LoadProblem error={practitioners.error} retry={() => void practitioners.refetch()} />
      ) : (
        <ChoiceGroup legend="Practitioner">
          <Choice
            name="practitioner"
            value=""
            checked={practitionerId === ANY}
            onChange={() => choose(ANY)}
            title="Any available practitioner"
            meta="Shows the most times"
          />
          {(practitioners.data ?? []).map((p) => (
            <Choice
              key={p.id}
              name="practitioner"
              value={p.id}
              checked={practitionerId === p.id}
              onChange={() => choose(p.id)}
              title={p.displayName}
              meta={p.bio || undefined}
              photoUrl={p.photoUrl || undefined}
            />
          ))}
        </ChoiceGroup>
      )}
      <StepActions onContinue={() => dispatch({ type: 'go', step: 'time' })} onBack={() => dispatch({ type: 'go', step: 'service' })} />
    </div>
  );
}
