import type { Dispatch } from 'react';
import { Link } from 'react-router-dom';
import type { BookingService, Slot } from '../../api/booking';
import type { ProblemDetails } from '../../api/problem';
import { SlotPicker } from '../../booking/SlotPicker';
import { ProblemAlert } from '../../ui/Alert';
import type { BookingAction } from './bookingState';
import { durationText } from './Choice';
import { StepActions } from './StepActions';

/** Step 3: a day of the next two weeks and a free time on it, in the location's zone. */
export function TimeStep(props: {
  service: BookingService;
  locationId: string;
  practitionerId: string;
  practitionerName: string;
  timeZone: string;
  slot: Slot | null;
  timeProblem: ProblemDetails | null;
  dispatch: Dispatch<BookingAction>;
}) {
  const { service, dispatch } = props;
  return (
    <div>
      {props.timeProblem && <ProblemAlert problem={props.timeProblem} />}
      <p className="muted">
        {service.name} · {durationText(service.durationMinutes)} · {props.practitionerName}
      </p>
      <SlotPicker
        serviceId={service.id}
        locationId={props.locationId}
        practitionerId={props.practitionerId || undefined}
        timeZone={props.timeZone}
        onPick={(slot, zone) => dispatch({ type: 'pickTime', slot, zone })}
        selected={props.slot?.startTime}
      />
      <p className="muted">
        No time that suits you?{' '}
        <Link to={`/patient/waitlist?${new URLSearchParams({ serviceId: service.id, locationId: props.locationId })}`}>Join the waitlist</Link> and we’ll
        tell you when one opens up.
      </p>
      <StepActions onBack={() => dispatch({ type: 'go', step: 'practitioner' })} />
    </div>
  );
}
