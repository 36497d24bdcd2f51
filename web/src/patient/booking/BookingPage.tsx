import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  bookingApi,
  type Appointment,
  type BookingLocation,
  type BookingPolicies,
  type BookingPractitioner,
  type BookingService,
  type Slot,
} from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import { formatMoney } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { SlotPicker } from '../../booking/SlotPicker';
import { useClock } from '../../booking/clock';
import { zoneDescription } from '../../booking/time';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { TextAreaField } from '../../ui/Field';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { Confirmation } from './Confirmation';
import { DepositStep } from './DepositStep';

type Step = 'service' | 'practitioner' | 'time' | 'review' | 'deposit' | 'done';

const ANY = '';

function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function depositText(service: BookingService): string {
  if (!service.depositAmount || service.depositAmount.amount <= 0) return 'No deposit';
  return `${formatMoney(service.depositAmount)} deposit`;
}

/** Loads something when `deps` change; `null` deps means "not yet". */
function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: unknown[]) {
  const [state, setState] = useState<{ data: T | null; loading: boolean; problem: ProblemDetails | null }>({
    data: null,
    loading: !!load,
    problem: null,
  });
  const [again, setAgain] = useState(0);
  useEffect(() => {
    if (!load) {
      setState({ data: null, loading: false, problem: null });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, problem: null }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false, problem: null }),
      (e) => !controller.signal.aborted && setState({ data: null, loading: false, problem: problemOf(e) }),
    );
    return () => controller.abort();
  }, [...deps, again]);
  return { ...state, retry: () => setAgain((n) => n + 1) };
}

/**
 * One radio choice: its accessible name is just the title ("Botox", "Ivy Injector");
 * price, duration, deposit or bio are its description.
 */
function Choice(props: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  title: string;
  meta?: ReactNode;
  photoUrl?: string;
}) {
  const id = useId();
  return (
    <label className="choice">
      <input
        type="radio"
        name={props.name}
        value={props.value}
        checked={props.checked}
        onChange={props.onChange}
        aria-labelledby={`${id}-t`}
        aria-describedby={props.meta ? `${id}-m` : undefined}
      />
      {props.photoUrl && <img className="choice__photo" src={props.photoUrl} alt="" width={48} height={48} />}
      <span className="choice__body">
        <span className="choice__title" id={`${id}-t`}>
          {props.title}
        </span>{' '}
        {props.meta && (
          <span className="choice__meta" id={`${id}-m`}>
            {props.meta}
          </span>
        )}
      </span>
    </label>
  );
}

function LoadProblem({ problem, retry }: { problem: ProblemDetails; retry: () => void }) {
  return (
    <ProblemAlert problem={problem}>
      <button type="button" className="btn" onClick={retry}>
        Try again
      </button>
    </ProblemAlert>
  );
}

/** /patient/book: location and service → practitioner → day and time → review → deposit → "You're booked". */
export function BookingPage() {
  const clock = useClock();
  const api = useApi();
  const [step, setStep] = useState<Step>('service');
  const [locationId, setLocationId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [practitionerId, setPractitionerId] = useState(ANY);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [zone, setZone] = useState('');
  const [notes, setNotes] = useState('');
  const [appointment, setAppointment] = useState<Appointment | null>(null);
  const [timeProblem, setTimeProblem] = useState<ProblemDetails | null>(null);
  const [bookProblem, setBookProblem] = useState<ProblemDetails | null>(null);
  const [booking, setBooking] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const [stepError, setStepError] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const [params] = useSearchParams();
  const payFor = params.get('pay');
  const [resumeProblem, setResumeProblem] = useState<ProblemDetails | null>(null);

  // /patient/book?pay=<id>: come back to pay the deposit of a booking that awaits it.
  useEffect(() => {
    if (!payFor) return;
    const controller = new AbortController();
    bookingApi.appointment(api, payFor, controller.signal).then(
      (a) => {
        setAppointment(a);
        setLocationId(a.locationId);
        setServiceId(a.serviceId);
        setPractitionerId(a.practitionerId || ANY);
        setStep(a.status === 'pending-deposit' ? 'deposit' : 'done');
      },
      (e) => !controller.signal.aborted && setResumeProblem(problemOf(e)),
    );
    return () => controller.abort();
  }, [api, payFor]);

  useDocumentTitle(step === 'done' ? "You're booked" : 'Book an appointment');

  const locations = useLoad((signal) => bookingApi.locations(api, signal), [api]);
  const locationList = locations.data ?? [];
  const location: BookingLocation | undefined = locationList.find((l) => l.id === locationId);

  useEffect(() => {
    if (!locationId && locationList.length === 1) setLocationId(locationList[0].id);
  }, [locationList, locationId]);

  const services = useLoad(locationId ? (signal) => bookingApi.services(api, locationId, signal) : null, [api, locationId]);
  const service = services.data?.find((s) => s.id === serviceId);

  const practitioners = useLoad(
    serviceId && locationId ? (signal) => bookingApi.practitioners(api, serviceId, locationId, signal) : null,
    [api, serviceId, locationId],
  );
  const practitioner: BookingPractitioner | undefined = practitioners.data?.find((p) => p.id === practitionerId);

  const [policies, setPolicies] = useState<BookingPolicies | null>(null);
  useEffect(() => {
    if (step !== 'review' || policies) return;
    const controller = new AbortController();
    bookingApi.policies(api, controller.signal).then(setPolicies, () => {});
    return () => controller.abort();
  }, [api, step, policies]);

  const grouped = useMemo(() => {
    const map = new Map<string, BookingService[]>();
    for (const s of services.data ?? []) {
      const c = s.category || 'Other';
      map.set(c, [...(map.get(c) ?? []), s]);
    }
    return [...map.entries()];
  }, [services.data]);

  // Each step starts at its heading, so keyboard and screen-reader users hear where they are.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const hasDeposit = !!service?.depositAmount && service.depositAmount.amount > 0;
  const totalSteps = hasDeposit ? 5 : 4;
  const stepNumber: Record<Step, number> = { service: 1, practitioner: 2, time: 3, review: 4, deposit: 5, done: totalSteps };
  const timeZone = zone || location?.timeZone || '';

  function go(next: Step) {
    setStepError('');
    setStep(next);
  }

  function continueFromService() {
    if (!locationId) return setStepError('Choose a location.');
    if (!serviceId) return setStepError('Choose a treatment.');
    go('practitioner');
  }

  function pick(s: Slot, tz: string) {
    setSlot(s);
    setZone(tz);
    setTimeProblem(null);
    setBookProblem(null);
    go('review');
  }

  async function book() {
    if (!slot || !service || booking) return;
    setBooking(true);
    setBookProblem(null);
    try {
      const created = await bookingApi.book(api, {
        serviceId: service.id,
        locationId,
        startTime: slot.startTime,
        practitionerId: practitionerId || undefined,
        notes: notes.trim() || undefined,
      });
      setAppointment(created);
      go(created.status === 'pending-deposit' ? 'deposit' : 'done');
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        // Someone took the time a moment ago: back to the times, freshly loaded, saying why.
        setTimeProblem({
          ...e.problem,
          title: e.problem.title || 'That time was just taken',
        });
        setSlot(null);
        setRefreshKey((k) => k + 1);
        go('time');
      } else {
        setBookProblem(problemOf(e));
      }
    } finally {
      setBooking(false);
    }
  }

  function pickAnotherTime() {
    setAppointment(null);
    setSlot(null);
    setRefreshKey((k) => k + 1);
    go('time');
  }

  if (step === 'done' && appointment) {
    return (
      <section className="booking" aria-labelledby="booked-h">
        <h1 id="booked-h" tabIndex={-1} ref={headingRef}>
          You're booked
        </h1>
        <Confirmation appointment={appointment} timeZone={timeZone} />
      </section>
    );
  }

  const heading: Record<Exclude<Step, 'done'>, string> = {
    service: 'Choose a treatment',
    practitioner: 'Choose a practitioner',
    time: 'Choose a time',
    review: 'Review and book',
    deposit: 'Pay the deposit',
  };

  return (
    <section className="booking" aria-labelledby="booking-h">
      <p className="back-link">
        <Link to="/patient">Back to my appointments</Link>
      </p>
      <h1 id="booking-h">Book an appointment</h1>
      <p className="step-count muted">
        Step {stepNumber[step]} of {totalSteps}
      </p>
      <h2 tabIndex={-1} ref={headingRef} className="step-heading">
        {heading[step as Exclude<Step, 'done'>]}
      </h2>

      {resumeProblem && <ProblemAlert problem={resumeProblem} />}
      {stepError && (
        <div className="alert alert--error" role="alert">
          <p>{stepError}</p>
        </div>
      )}

      {step === 'service' && payFor && !resumeProblem && <Loading label="Loading your booking…" />}
      {step === 'service' && (!payFor || resumeProblem) && (
        <div>
          {locations.loading ? (
            <Loading label="Loading locations…" />
          ) : locations.problem ? (
            <LoadProblem problem={locations.problem} retry={locations.retry} />
          ) : locationList.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">Online booking is not open yet</p>
              <p className="muted">Please call the clinic to book.</p>
            </div>
          ) : (
            <>
              {locationList.length > 1 && (
                <fieldset className="choices" role="radiogroup">
                  <legend>Location</legend>
                  {locationList.map((l) => (
                    <Choice
                      key={l.id}
                      name="location"
                      value={l.id}
                      checked={locationId === l.id}
                      onChange={() => {
                        setLocationId(l.id);
                        setServiceId('');
                        setPractitionerId(ANY);
                      }}
                      title={l.name}
                      meta={l.address?.line1 ? [l.address.line1, l.address.city].filter(Boolean).join(', ') : undefined}
                    />
                  ))}
                </fieldset>
              )}
              {locationList.length === 1 && location && (
                <p className="muted">
                  At <strong>{location.name}</strong>
                </p>
              )}
              {locationId &&
                (services.loading ? (
                  <Loading label="Loading treatments…" />
                ) : services.problem ? (
                  <LoadProblem problem={services.problem} retry={services.retry} />
                ) : grouped.length === 0 ? (
                  <div className="empty-state">
                    <p className="empty-state__title">No treatments can be booked online here</p>
                    <p className="muted">Please call the clinic to book.</p>
                  </div>
                ) : (
                  <fieldset className="choices" role="radiogroup">
                    <legend>Treatment</legend>
                    {grouped.map(([category, items]) => (
                      <div key={category} className="choices__group" role="group" aria-label={category}>
                        <h3 className="choices__category">{category}</h3>
                        {items.map((s) => (
                          <Choice
                            key={s.id}
                            name="service"
                            value={s.id}
                            checked={serviceId === s.id}
                            onChange={() => {
                              setServiceId(s.id);
                              setPractitionerId(ANY);
                              setStepError('');
                            }}
                            title={s.name}
                            meta={`${durationText(s.durationMinutes)} · ${formatMoney(s.price)} · ${depositText(s)}${
                              s.requiresConsultation ? ' · consultation first' : ''
                            }`}
                          />
                        ))}
                      </div>
                    ))}
                  </fieldset>
                ))}
              <div className="actions">
                <button type="button" className="btn btn--primary btn--large" onClick={continueFromService}>
                  Continue
                </button>
              </div>
            </>
          )}
        </div>
      )}

      {step === 'practitioner' && (
        <div>
          {practitioners.loading ? (
            <Loading label="Loading practitioners…" />
          ) : practitioners.problem ? (
            <LoadProblem problem={practitioners.problem} retry={practitioners.retry} />
          ) : (
            <fieldset className="choices" role="radiogroup">
              <legend>Practitioner</legend>
              <Choice
                name="practitioner"
                value=""
                checked={practitionerId === ANY}
                onChange={() => setPractitionerId(ANY)}
                title="Any available practitioner"
                meta="Shows the most times"
              />
              {(practitioners.data ?? []).map((p) => (
                <Choice
                  key={p.id}
                  name="practitioner"
                  value={p.id}
                  checked={practitionerId === p.id}
                  onChange={() => setPractitionerId(p.id)}
                  title={p.displayName}
                  meta={p.bio || undefined}
                  photoUrl={p.photoUrl || undefined}
                />
              ))}
            </fieldset>
          )}
          <div className="actions">
            <button type="button" className="btn btn--primary btn--large" onClick={() => go('time')}>
              Continue
            </button>
            <button type="button" className="btn" onClick={() => go('service')}>
              Back
            </button>
          </div>
        </div>
      )}

      {step === 'time' && service && (
        <div>
          {timeProblem && <ProblemAlert problem={timeProblem} />}
          <p className="muted">
            {service.name} · {durationText(service.durationMinutes)} · {practitioner?.displayName ?? 'Any available practitioner'}
          </p>
          <SlotPicker
            serviceId={service.id}
            locationId={locationId}
            practitionerId={practitionerId || undefined}
            timeZone={timeZone}
            onPick={pick}
            refreshKey={refreshKey}
            selected={slot?.startTime}
          />
          <div className="actions">
            <button type="button" className="btn" onClick={() => go('practitioner')}>
              Back
            </button>
          </div>
        </div>
      )}

      {step === 'review' && service && slot && (
        <div>
          <dl className="facts">
            <dt>Treatment</dt>
            <dd>
              {service.name} ({durationText(service.durationMinutes)})
            </dd>
            <dt>When</dt>
            <dd>
              {clock.longDateTime(slot.startTime, timeZone)}{' '}
              <span className="muted">({zoneDescription(timeZone)})</span>
            </dd>
            <dt>With</dt>
            <dd>{practitioner?.displayName ?? 'Any available practitioner'}</dd>
            <dt>Where</dt>
            <dd>{location?.name}</dd>
            <dt>Price</dt>
            <dd>{formatMoney(service.price)}</dd>
            <dt>Deposit</dt>
            <dd>{hasDeposit ? `${formatMoney(service.depositAmount)}, paid now` : 'None'}</dd>
          </dl>
          <TextAreaField
            name="notes"
            label="Notes for the clinic (optional)"
            value={notes}
            onChange={setNotes}
            rows={3}
            maxLength={1000}
          />
          <section className="policies" aria-labelledby="policies-h">
            <h3 id="policies-h">Policies</h3>
            <ul>
              {policies ? (
                <li>Cancelling less than {policies.cancellationNoticeHours} hours before may incur a fee.</li>
              ) : (
                <li>Cancelling at short notice may incur a fee.</li>
              )}
              {hasDeposit && (
                <li>
                  A deposit of {formatMoney(service.depositAmount)} is due when you book
                  {policies ? `; we hold the time for ${policies.depositHoldMinutes} minutes while you pay` : ''}.
                </li>
              )}
              {policies?.approvalRequiredForNewPatients && (
                <li>The clinic confirms first bookings of new patients before they are final.</li>
              )}
            </ul>
          </section>
          {bookProblem && <ProblemAlert problem={bookProblem} />}
          <div className="actions">
            <button type="button" className="btn btn--primary btn--large" onClick={() => void book()} disabled={booking}>
              Book appointment
            </button>
            <button type="button" className="btn" onClick={() => go('time')} disabled={booking}>
              Back
            </button>
          </div>
          {booking && <Loading label="Booking…" />}
        </div>
      )}

      {step === 'deposit' && appointment && (
        <DepositStep
          appointment={appointment}
          onPaid={(a) => {
            setAppointment(a);
            go('done');
          }}
          onPickAnotherTime={pickAnotherTime}
        />
      )}
    </section>
  );
}
