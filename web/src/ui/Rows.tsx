import type { ReactNode } from 'react';

/**
 * Repeating rows (closures, certifications, maintenance windows): each row is a fieldset
 * named "<Row label> N" with its own remove button, plus one add button.
 */
export function Rows<T>(props: {
  legend: string;
  /** Singular label of one row: "Closure" → legends "Closure 1", buttons "Add closure", "Remove closure 1". */
  rowLabel: string;
  items: T[];
  onChange: (items: T[]) => void;
  newItem: () => T;
  renderRow: (item: T, index: number, update: (next: T) => void) => ReactNode;
  readOnly?: boolean;
  emptyText?: string;
  /** API path of the array (for errors about the whole list). */
  name?: string;
  hint?: ReactNode;
}) {
  const lower = props.rowLabel.toLowerCase();
  return (
    <fieldset className="rows" data-field={props.name}>
      <legend>{props.legend}</legend>
      {props.hint && <p className="field__hint">{props.hint}</p>}
      {props.items.length === 0 && <p className="muted">{props.emptyText ?? 'None.'}</p>}
      {props.items.map((item, i) => (
        <fieldset className="row" key={i}>
          <legend>
            {props.rowLabel} {i + 1}
          </legend>
          <div className="row__fields">
            {props.renderRow(item, i, (next) => props.onChange(props.items.map((x, j) => (j === i ? next : x))))}
          </div>
          {!props.readOnly && (
            <button
              type="button"
              className="btn btn--small btn--quiet"
              onClick={() => props.onChange(props.items.filter((_, j) => j !== i))}
            >
              Remove {lower} {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {!props.readOnly && (
        <button type="button" className="btn btn--small" onClick={() => props.onChange([...props.items, props.newItem()])}>
          Add {lower}
        </button>
      )}
    </fieldset>
  );
}
