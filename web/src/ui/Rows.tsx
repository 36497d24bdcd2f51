import type { ReactNode } from 'react';
import { useFieldArray, type FieldValues } from 'react-hook-form';
import { formPath } from './form';

/**
 * Repeating rows of a form (closures, certifications, maintenance windows): each row is a fieldset named
 * "<Row label> N" with its own remove button, plus one add button. The rows are the form's array at `field`
 * (by default `name`, the API path, where errors about the whole list are put); `renderRow(i)` renders the
 * fields of row i, named `<name>[i].<key>`.
 */
export function Rows(props: {
  name: string;
  field?: string;
  legend: string;
  /** Singular label of one row: "Closure" → legends "Closure 1", buttons "Add closure", "Remove closure 1". */
  rowLabel: string;
  newItem: () => FieldValues;
  renderRow: (index: number) => ReactNode;
  readOnly?: boolean;
  emptyText?: string;
  hint?: ReactNode;
}) {
  const { fields, append, remove } = useFieldArray({ name: props.field ?? formPath(props.name) });
  const lower = props.rowLabel.toLowerCase();
  return (
    <fieldset className="rows" data-field={props.name}>
      <legend>{props.legend}</legend>
      {props.hint && <p className="field__hint">{props.hint}</p>}
      {fields.length === 0 && <p className="muted">{props.emptyText ?? 'None.'}</p>}
      {fields.map((row, i) => (
        <fieldset className="row" key={row.id}>
          <legend>
            {props.rowLabel} {i + 1}
          </legend>
          <div className="row__fields">{props.renderRow(i)}</div>
          {!props.readOnly && (
            <button type="button" className="btn btn--small btn--quiet" onClick={() => remove(i)}>
              Remove {lower} {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {!props.readOnly && (
        <button type="button" className="btn btn--small" onClick={() => append(props.newItem())}>
          Add {lower}
        </button>
      )}
    </fieldset>
  );
}
