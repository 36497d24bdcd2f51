import { useQuery } from '@tanstack/react-query';
import { useReducer, useRef } from 'react';
import { useFocusOnStep } from '../../ui/useFocusOnNavigate';
import { Link, useSearchParams } from 'react-router-dom';
import type { Appointment } from '../../api/booking';
import { useAppointment, useBookingLocations, useBookingPractitioners, useBookingServices } from '../../api/bookingQueries';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { problemOf } from '../../api/errors';
import { patientsApi } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { bookingReducer, newBooking, resumedBooking, stepNumber, type Step } from './bookingState';
import { hasDeposit } from './Choice';
import { Confirmation } from './Confirmation';
import { DepositStep } from './DepositStep';
import { PractitionerStep } from './PractitionerStep';
import { ReviewStep } from './ReviewStep';
import { ServiceStep } from './ServiceStep';
import { TimeStep } from './TimeStep';

const HEADINGS: Record<Exclude<Step, 'done'>, string> = {
  service: 'Choose a treatment',
  practitioner: 'Choose a practitioner',
  time: 'Choose a time',
  review: 'Review and book',
  deposit: 'Pay the deposit',
};

/**
 * /patient/book: location and service → practitioner → day and time → review → deposit → "You're booked".
 * /patient/book?pay=<id> comes back to pay the deposit of a booking that awaits it.
 */
export function BookingPage() {
  const api = useApi();
  const [params] = useSearchParams();
  const payFor = params.get('pay');
  const forId = params.get('for');
  const resume = useAppointment(payFor);
  // Booking for a child: their record (readable only by a parent or guardian it names) gives the name shown.
  const child = useQuery({
    queryKey: queryKeys.patients.record(forId ?? ''),
    queryFn: ({ signal }) => patientsApi.get(api, forId!, signal),
    enabled: !!forId,
  });
  if (forId && !child.data) {
    return (
      <section className="booking" aria-labelledby="booking-h">
        <p className="back-link">
          <Link to="/patient/family">Back to my family</Link>
        </p>
        <h1 id="booking-h">Book an appointment</h1>
        {child.isError ? (
          <ProblemAlert
            problem={
              problemOf(child.error).status === 404
                ? { title: 'You cannot book for this person', status: 404, detail: 'The clinic has not recorded you as their parent or guardian.', errors: {} }
                : problemOf(child.error)
            }
          />
        ) : (
          <Loading label="Loading…" />
        )}
      </section>
    );
  }
  const forPatient = forId && child.data ? { id: child.data.id, name: child.data.displayName } : undefined;
  if (payFor && resume.data) return <BookingFlow key={resume.data.id} resumed={resume.data} forPatient={forPatient} />;
  return (
    <BookingFlow
      key={forPatient ? `new-${forPatient.id}` : 'new'}
      forPatient={forPatient}
      resuming={!!payFor && resume.isPending}
      resumeProblem={payFor && resume.isError ? problemOf(resume.error) : null}
    />
  );
}

/** Whom a booking is for when it is not the signed-in patient (a child they are parent or guardian of). */
export interface BookingFor {
  id: string;
  name: string;
}

function BookingFlow(props: {
  resumed?: Appointment;
  resuming?: boolean;
  resumeProblem?: ReturnType<typeof problemOf> | null;
  forPatient?: BookingFor;
}) {
  const forPatient = props.forPatient;
  const [state, dispatch] = useReducer(bookingReducer, props.resumed ? resumedBooking(props.resumed) : newBooking);
  const { step } = state;
  useDocumentTitle(step === 'done' ? "You're booked" : 'Book an appointment');

  const locations = useBookingLocations();
  const locationList = locations.data ?? [];
  // A clinic with one location needs no choice.
  const locationId = state.locationId || (locationList.length === 1 ? locationList[0].id : '');
  const location = locationList.find((l) => l.id === locationId);
  const services = useBookingServices(locationId);
  const service = services.data?.find((s) => s.id === state.serviceId);
  const practitioners = useBookingPractitioners(state.serviceId, locationId);
  const practitionerName = practitioners.data?.find((p) => p.id === state.practitionerId)?.displayName ?? 'Any available practitioner';
  const timeZone = state.zone || location?.timeZone || '';

  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusOnStep(headingRef, step);

  if (step === 'done' && state.appointment) {
    return (
      <section className="booking" aria-labelledby="booked-h">
        <h1 id="booked-h" tabIndex={-1} ref={headingRef}>
          You're booked
        </h1>
        <Confirmation appointment={state.appointment} timeZone={timeZone} forName={forPatient?.name} />
      </section>
    );
  }

  const count = stepNumber(step, hasDeposit(service));
  return (
    <section className="booking" aria-labelledby="booking-h">
      <p className="back-link">
        {forPatient ? <Link to="/patient/family">Back to my family</Link> : <Link to="/patient">Back to my appointments</Link>}
      </p>
      <h1 id="booking-h">Book an appointment</h1>
      {forPatient && (
        <p className="notice booking-for" role="note">
          Booking for {forPatient.name}
        </p>
      )}
      <p className="step-count muted">
        Step {count.number} of {count.of}
      </p>
      <h2 tabIndex={-1} ref={headingRef} className="step-heading">
        {HEADINGS[step as Exclude<Step, 'done'>]}
      </h2>

      {props.resumeProblem && <ProblemAlert problem={props.resumeProblem} />}
      {state.stepError && (
        <div className="alert alert--error" role="alert">
          <p>{state.stepError}</p>
        </div>
      )}

      {step === 'service' &&
        (props.resuming ? (
          <Loading label="Loading your booking…" />
        ) : (
          <ServiceStep locations={locations} services={services} locationId={locationId} serviceId={state.serviceId} dispatch={dispatch} />
        ))}
      {step === 'practitioner' && <PractitionerStep practitioners={practitioners} practitionerId={state.practitionerId} dispatch={dispatch} />}
      {step === 'time' && service && (
        <TimeStep
          service={service}
          locationId={locationId}
          practitionerId={state.practitionerId}
          practitionerName={practitionerName}
          timeZone={timeZone}
          slot={state.slot}
          timeProblem={state.timeProblem}
          dispatch={dispatch}
        />
      )}
      {step === 'review' && service && state.slot && (
        <ReviewStep
          service={service}
          slot={state.slot}
          timeZone={timeZone}
          locationId={locationId}
          locationName={location?.name}
          practitionerId={state.practitionerId}
          practitionerName={practitionerName}
          notes={state.notes}
          forPatientId={forPatient?.id}
          dispatch={dispatch}
        />
      )}
      {step === 'deposit' && state.appointment && (
        <DepositStep
          appointment={state.appointment}
          onPaid={(appointment) => dispatch({ type: 'paid', appointment })}
          onPickAnotherTime={() => dispatch({ type: 'pickAnotherTime' })}
        />
      )}
    </section>
  );
}
