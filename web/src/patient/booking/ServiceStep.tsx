import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, type Dispatch } from 'react';
import type { BookingLocation, BookingService } from '../../api/booking';
import { formatMoney } from '../../api/money';
import { Loading, LoadProblem } from '../../ui/Alert';
import type { BookingAction } from './bookingState';
import { Choice, ChoiceGroup, EmptyChoices, depositText, durationText } from './Choice';

/** Step 1: the location (when there is more than one) and the treatment, grouped by category. */
export function ServiceStep(props: {
  locations: UseQueryResult<BookingLocation[]>;
  services: UseQueryResult<BookingService[]>;
  locationId: string;
  serviceId: string;
  dispatch: Dispatch<BookingAction>;
}) {
  const { locations, services, locationId, serviceId, dispatch } = props;
  const locationList = locations.data ?? [];
  const location = locationList.find((l) => l.id === locationId);

  const grouped = useMemo(() => {
    const map = new Map<string, BookingService[]>();
    for (const s of services.data ?? []) {
      const c = s.category || 'Other';
      map.set(c, [...(map.get(c) ?? []), s]);
    }
    return [...map.entries()];
  }, [services.data]);

  function next() {
    if (!locationId) return dispatch({ type: 'missing', message: 'Choose a location.' });
    if (!serviceId) return dispatch({ type: 'missing', message: 'Choose a treatment.' });
    dispatch({ type: 'go', step: 'practitioner' });
  }

  if (locations.isPending) return <Loading label="Loading locations…" />;
  if (locations.isError) return <LoadProblem error={locations.error} retry={() => void locations.refetch()} />;
  if (locationList.length === 0) return <EmptyChoices title="Online booking is not open yet" />;

  return (
    <div>
      {locationList.length > 1 && (
        <ChoiceGroup legend="Location">
          {locationList.map((l) => (
            <Choice
              key={l.id}
              name="location"
              value={l.id}
              checked={locationId === l.id}
              onChange={() => dispatch({ type: 'chooseLocation', locationId: l.id })}
              title={l.name}
              meta={l.address?.line1 ? [l.address.line1, l.address.city].filter(Boolean).join(', ') : undefined}
            />
          ))}
        </ChoiceGroup>
      )}
      {locationList.length === 1 && location && (
        <p className="muted">
          At <strong>{location.name}</strong>
        </p>
      )}
      {locationId &&
        (services.isPending ? (
          <Loading label="Loading treatments…" />
        ) : services.isError ? (
          <LoadProblem error={services.error} retry={() => void services.refetch()} />
        ) : grouped.length === 0 ? (
          <EmptyChoices title="No treatments can be booked online here" />
        ) : (
          <ChoiceGroup legend="Treatment">
            {grouped.map(([category, items]) => (
              <div key={category} className="choices__group" role="group" aria-label={category}>
                <h3 className="choices__category">{category}</h3>
                {items.map((s) => (
                  <Choice
                    key={s.id}
                    name="service"
                    value={s.id}
                    checked={serviceId === s.id}
                    onChange={() => dispatch({ type: 'chooseService', serviceId: s.id })}
                    title={s.name}
                    meta={`${durationText(s.durationMinutes)} · ${formatMoney(s.price)} · ${depositText(s)}${
                      s.requiresConsultation ? ' · consultation first' : ''
                    }`}
                  />
                ))}
              </div>
            ))}
          </ChoiceGroup>
        ))}
      <div className="actions">
        <button type="button" className="btn btn--primary btn--large" onClick={next}>
          Continue
        </button>
      </div>
    </div>
  );
}
