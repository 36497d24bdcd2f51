import {
  createContext,
  useContext,
  useId,
  type ChangeEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import type { FieldErrors } from '../api/problem';

/** Field errors of the form being edited, keyed by camelCase API path. */
export const FormErrorsContext = createContext<FieldErrors>({});

export function useFieldErrors(names: string[]): string[] {
  const errors = useContext(FormErrorsContext);
  const out: string[] = [];
  for (const n of names) for (const m of errors[n] ?? []) if (!out.includes(m)) out.push(m);
  return out;
}

interface CommonProps {
  /** API path of the value (`name`, `address.city`, `price.amount`): server errors are matched on it. */
  name: string;
  /** Other API paths whose errors belong here too (e.g. `price` for the `price.amount` input). */
  also?: string[];
  label: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  className?: string;
  /** Keep the label for screen readers only (inside tables of rows). */
  hideLabel?: boolean;
}

function useFieldIds(props: CommonProps) {
  const id = useId();
  const names = [props.name, ...(props.also ?? [])];
  const messages = useFieldErrors(names);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, names, messages, hintId, errorId, describedBy };
}

function Wrapper({
  props,
  ids,
  children,
  labelAfter,
}: {
  props: CommonProps;
  ids: ReturnType<typeof useFieldIds>;
  children: ReactNode;
  labelAfter?: boolean;
}) {
  const label = (
    <label htmlFor={ids.id} className={props.hideLabel ? 'sr-only' : undefined}>
      {props.label}
    </label>
  );
  return (
    <div
      className={['field', labelAfter ? 'field--check' : '', ids.messages.length ? 'field--invalid' : '', props.className ?? '']
        .filter(Boolean)
        .join(' ')}
      data-field={ids.names.join(' ')}
    >
      {labelAfter ? (
        <>
          {children}
          {label}
        </>
      ) : (
        <>
          {label}
          {children}
        </>
      )}
      {props.hint && (
        <p id={ids.hintId} className="field__hint">
          {props.hint}
        </p>
      )}
      <FieldMessages id={ids.errorId} messages={ids.messages} />
    </div>
  );
}

export function FieldMessages({ id, messages }: { id?: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p id={id} className="field__error">
      {messages.join(' ')}
    </p>
  );
}

type TextInputProps = CommonProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'time' | 'datetime-local' | 'search';
  inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id' | 'name'>;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  maxLength?: number;
  list?: string;
};

export function TextField(props: TextInputProps) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <input
        id={ids.id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => props.onChange(e.target.value)}
        aria-invalid={ids.messages.length ? true : undefined}
        aria-describedby={ids.describedBy}
        aria-required={props.required || undefined}
        disabled={props.disabled}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        list={props.list}
        {...props.inputProps}
      />
    </Wrapper>
  );
}

type TextAreaProps = CommonProps & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
};

export function TextAreaField(props: TextAreaProps) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <textarea
        id={ids.id}
        name={props.name}
        rows={props.rows ?? 4}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={ids.messages.length ? true : undefined}
        aria-describedby={ids.describedBy}
        aria-required={props.required || undefined}
        disabled={props.disabled}
        maxLength={props.maxLength}
      />
    </Wrapper>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = CommonProps & {
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  /** Text of an empty first option, if any. */
  placeholder?: string;
};

export function SelectField(props: SelectProps) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <select
        id={ids.id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={ids.messages.length ? true : undefined}
        aria-describedby={ids.describedBy}
        aria-required={props.required || undefined}
        disabled={props.disabled}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
}

type CheckboxProps = CommonProps & {
  checked: boolean;
  onChange: (checked: boolean) => void;
};

export function CheckboxField(props: CheckboxProps) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids} labelAfter>
      <input
        id={ids.id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
        aria-invalid={ids.messages.length ? true : undefined}
        aria-describedby={ids.describedBy}
        disabled={props.disabled}
      />
    </Wrapper>
  );
}

/** A group of checkboxes choosing ids (the practitioners of a service, say). */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  emptyText?: string;
  hint?: ReactNode;
}) {
  const messages = useFieldErrors([props.name]);
  const id = useId();
  return (
    <fieldset
      className={`checkbox-group${messages.length ? ' field--invalid' : ''}`}
      data-field={props.name}
      aria-describedby={messages.length ? `${id}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.hint && <p className="field__hint">{props.hint}</p>}
      {props.options.length === 0 && <p className="muted">{props.emptyText ?? 'Nothing to choose from yet.'}</p>}
      {props.options.map((o) => {
        const checked = props.value.includes(o.value);
        return (
          <div className="field field--check" key={o.value}>
            <input
              id={`${id}-${o.value}`}
              type="checkbox"
              checked={checked}
              disabled={props.disabled}
              onChange={(e) =>
                props.onChange(e.target.checked ? [...props.value, o.value] : props.value.filter((v) => v !== o.value))
              }
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        );
      })}
      <FieldMessages id={`${id}-error`} messages={messages} />
    </fieldset>
  );
}
