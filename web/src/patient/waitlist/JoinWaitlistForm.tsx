import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useSearchParams } from 'react-router-dom';
import { z } from 'zod';
import { useBookingLocations, useBookingPractitioners, useBookingServices } from '../../api/bookingQueries';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { DAY_PARTS, waitlistApi, type DayPart, type WaitlistEntry } from '../../api/waitlist';
import { useApi } from '../../auth/AuthContext';
import { addDays, todayIn } from '../../booking/time';
import { LoadProblem, ProblemAlert } from '../../ui/Alert';
import { CheckboxGroup, SelectField, TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date.');
const schema = z
  .object({
    locationId: z.string().min(1, 'Choose where.'),
    serviceId: z.string().min(1, 'Choose a treatment.'),
    practitionerId: z.string(),
    fromDate: date,
    toDate: date,
    timesOfDay: z.array(z.enum(['morning', 'afternoon', 'evening'])).min(1, 'Choose at least one time of day.'),
  })
  .refine((v) => v.toDate >= v.fromDate, { path: ['toDate'], message: 'On or after the first day.' });
type JoinForm = z.infer<typeof schema>;

/**
 * Joining the waitlist: a treatment at a place, anyone or one practitioner, the days and the times of day that suit.
 * The server checks the same and more (the dates the clinic takes, who offers the treatment there); what it refuses
 * is shown at the field.
 */
export function JoinWaitlistForm({ onJoined, patientId, title = 'Join the waitlist' }: { onJoined: (entry: WaitlistEntry) => void; patientId?: string; title?: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const locations = useBookingLocations();
  const today = todayIn(locations.data?.[0]?.timeZone);
  // From the booking page's "Join the waitlist": the treatment and place the patient was looking at.
  const [params] = useSearchParams();
  const form = useForm<JoinForm>({
    defaultValues: { locationId: params.get('locationId') ?? '', serviceId: params.get('serviceId') ?? '', practitionerId: '', fromDate: today, toDate: addDays(today, 14), timesOfDay: ['morning', 'afternoon', 'evening'] },
    resolver: schemaResolver(schema),
    reValidateMode: 'onSubmit',
  });
  const [locationId, serviceId] = useWatch({ control: form.control, name: ['locationId', 'serviceId'] });
  const services = useBookingServices(locationId);
  const practitioners = useBookingPractitioners(serviceId, locationId);

  const join = useMutation({
    mutationFn: (v: JoinForm) =>
      waitlistApi.join(api, {
        patientId,
        locationId: v.locationId,
        serviceId: v.serviceId,
        practitionerId: v.practitionerId || undefined,
        fromDate: v.fromDate,
        toDate: v.toDate,
        timesOfDay: v.timesOfDay as DayPart[],
      }),
    onSuccess: (entry) => {
      onJoined(entry);
      form.reset({ ...form.getValues(), serviceId: '', practitionerId: '' });
      void queryClient.invalidateQueries({ queryKey: patientId ? queryKeys.booking.waitlistAt(entry.locationId) : queryKeys.booking.myWaitlist });
    },
    onError: (e) => {
      if (isApiError(e) && Object.keys(e.fieldErrors).length > 0) setServerErrors(form.setError, e.fieldErrors);
    },
  });

  if (locations.isError) return <LoadProblem error={locations.error} retry={() => void locations.refetch()} />;
  const fieldProblem = join.isError && isApiError(join.error) && Object.keys(join.error.fieldErrors).length > 0;
  return (
    <FormProvider {...form}>
      <form className="panel" noValidate aria-labelledby="join-h" aria-busy={join.isPending} onSubmit={(e) => void form.handleSubmit((v) => join.mutate(v))(e)}>
        <h2 id="join-h">{title}</h2>
        {join.isError && !fieldProblem && <ProblemAlert problem={problemOf(join.error)} />}
        <SelectField
          name="locationId"
          label="Where"
          required
          placeholder={locations.isPending ? 'Loading…' : 'Choose a location'}
          options={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
          onChange={(value) => {
            form.setValue('locationId', value);
            form.setValue('serviceId', '');
            form.setValue('practitionerId', '');
          }}
          value={locationId}
        />
        <SelectField
          name="serviceId"
          label="Treatment"
          required
          disabled={!locationId}
          placeholder={!locationId ? 'Choose where first' : services.isPending ? 'Loading…' : 'Choose a treatment'}
          options={(services.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(value) => {
            form.setValue('serviceId', value);
            form.setValue('practitionerId', '');
          }}
          value={serviceId}
        />
        <SelectField
          name="practitionerId"
          label="With"
          disabled={!serviceId}
          placeholder="Anyone"
          options={(practitioners.data ?? []).map((p) => ({ value: p.id, label: p.displayName }))}
        />
        <div className="grid-2">
          <TextField name="fromDate" label="From" type="date" required />
          <TextField name="toDate" label="To" type="date" required />
        </div>
        <CheckboxGroup name="timesOfDay" legend="Times that suit you" options={DAY_PARTS} />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={join.isPending}>
            {join.isPending ? (patientId ? 'Adding…' : 'Joining…') : patientId ? 'Add to the waitlist' : 'Join the waitlist'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
