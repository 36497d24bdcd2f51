import { TextField } from '../../ui/Field';
import { Rows } from '../../ui/Rows';
import { LocationSelect } from './LocationSelect';

/**
 * Groups of inputs that several resource forms share, bound to the form by their names (see ui/Field).
 */

/** A whole number of something (capacity, minutes): a number input that steps by one. */
export function NumberField(props: { name: string; label: string; min: number; hint?: string; required?: boolean }) {
  return (
    <TextField
      name={props.name}
      label={props.label}
      type="number"
      inputMode="numeric"
      inputProps={{ min: props.min, step: 1 }}
      hint={props.hint}
      required={props.required}
    />
  );
}

/** A room's or a piece of equipment's name, type and location. */
export function NameTypeLocation({ typeHint }: { typeHint: string }) {
  return (
    <>
      <TextField name="name" label="Name" required />
      <TextField name="type" label="Type" hint={typeHint} required />
      <LocationSelect name="locationId" required />
    </>
  );
}

/** Dated stretches (maintenance windows, time off): start and end in the browser's zone, and a reason. */
export function PeriodRows(props: { name: string; legend: string; rowLabel: string; emptyText: string; readOnly: boolean }) {
  return (
    <Rows
      name={props.name}
      legend={props.legend}
      rowLabel={props.rowLabel}
      newItem={() => ({ start: '', end: '', reason: '' })}
      readOnly={props.readOnly}
      emptyText={props.emptyText}
      hint="Times are in your browser's time zone."
      renderRow={(i) => (
        <>
          <TextField name={`${props.name}[${i}].start`} label="Start" type="datetime-local" required />
          <TextField name={`${props.name}[${i}].end`} label="End" type="datetime-local" required />
          <TextField name={`${props.name}[${i}].reason`} label="Reason" />
        </>
      )}
    />
  );
}
