import { useId, type ReactNode } from 'react';
import type { BookingService } from '../../api/booking';
import { formatMoney } from '../../api/money';
import { EmptyState } from '../../ui/EmptyState';

export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export function depositText(service: BookingService): string {
  if (!service.depositAmount || service.depositAmount.amount <= 0) return 'No deposit';
  return `${formatMoney(service.depositAmount)} deposit`;
}

export function hasDeposit(service: BookingService | undefined): boolean {
  return !!service?.depositAmount && service.depositAmount.amount > 0;
}

/**
 * One radio choice: its accessible name is just the title ("Botox", "Ivy Injector");
 * price, duration, deposit or bio are its description.
 */
export function Choice(props: {
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

/** A list that cannot be booked from: a title and what to do instead. */
export function EmptyChoices({ title }: { title: string }) {
  return (
    <EmptyState title={title}>
      <p className="muted">Please call the clinic to book.</p>
    </EmptyState>
  );
}

/** One radio group of choices with its legend (Location, Treatment, Practitioner). */
export function ChoiceGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="choices" role="radiogroup">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
