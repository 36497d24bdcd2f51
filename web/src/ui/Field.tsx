import { useId, type ChangeEvent, type ComponentType, type HTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { formPath, messagesAt } from './form';

/**
 * Labelled inputs with their hint and errors. Inside a react-hook-form form (FormProvider) a field given no
 * `onChange` is bound to the form value at `field` (by default its `name` with `.0.` for `[0]`), and its errors are
 * the form's errors at `name`, the API path, where the schema and the server both put them. Outside a form a field
 * is controlled by `value` and `onChange` and has no errors (a note field in a panel, say).
 */

/** The messages for these API paths, each once (the form's errors; none outside a form). */
export function useFieldErrors(names: string[]): string[] {
  const form = useFormContext();
  const out: string[] = [];
  for (const n of names) for (const m of form ? messagesAt(form.formState.errors, n) : []) if (!out.includes(m)) out.push(m);
  return out;
}

interface CommonProps {
  /** API path of the value (`name`, `address.city`, `price.amount`): errors are matched on it. */
  name: string;
  /** The form value it edits when that is not at `name` (`city` for `address.city`). */
  field?: string;
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

/** Controlled from outside (`value`/`checked` and `onChange`) or, without `onChange`, bound to the form. */
interface Controlled<V> {
  onChange?: (value: V) => void;
}

/** Renders `Input` with its value: the one given, or the form's at the field's path. */
function bindable<V, P extends { name: string; field?: string } & Controlled<V>>(
  Input: ComponentType<P & { current: V; set: (value: V) => void }>,
  read: (props: P) => V,
  empty: V,
) {
  function Bound(props: P) {
    const { field } = useController({ name: props.field ?? formPath(props.name) });
    return <Input {...props} current={(field.value as V | undefined) ?? empty} set={field.onChange} />;
  }
  return function Field(props: P) {
    if (!props.onChange) return <Bound {...props} />;
    return <Input {...props} current={read(props)} set={props.onChange} />;
  };
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

/** What every input carries: its id, its error state, what describes it, whether it is required. */
function inputAttributes(props: CommonProps, ids: ReturnType<typeof useFieldIds>) {
  return {
    id: ids.id,
    name: props.name,
    'aria-invalid': ids.messages.length ? true : undefined,
    'aria-describedby': ids.describedBy,
    'aria-required': props.required || undefined,
    disabled: props.disabled,
  } as const;
}

/** An input of text (input, textarea, select): its attributes and its value, read and set as a string. */
function textControl(props: CommonProps & { current: string; set: (value: string) => void }, ids: ReturnType<typeof useFieldIds>) {
  return {
    ...inputAttributes(props, ids),
    value: props.current,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => props.set(e.target.value),
  };
}

/** A text field that is bound to the form, or given `value` (default '') and `onChange`. */
function bindableText<P extends CommonProps & Controlled<string> & { value?: string }>(
  Input: ComponentType<P & { current: string; set: (value: string) => void }>,
) {
  return bindable<string, P>(Input, (p) => p.value ?? '', '');
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

type TextInputProps = CommonProps &
  Controlled<string> & {
    value?: string;
    type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'date' | 'time' | 'datetime-local' | 'search';
    inputProps?: Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type' | 'id' | 'name'>;
    inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
    autoComplete?: string;
    maxLength?: number;
    list?: string;
  };

export const TextField = bindableText<TextInputProps>(function TextInput(props) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <input
        {...textControl(props, ids)}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        list={props.list}
        {...props.inputProps}
      />
    </Wrapper>
  );
});

type TextAreaProps = CommonProps & Controlled<string> & { value?: string; rows?: number; maxLength?: number };

export const TextAreaField = bindableText<TextAreaProps>(function TextAreaInput(props) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <textarea {...textControl(props, ids)} rows={props.rows ?? 4} maxLength={props.maxLength} />
    </Wrapper>
  );
});

export interface Option {
  value: string;
  label: string;
}

type SelectProps = CommonProps &
  Controlled<string> & {
    value?: string;
    options: Option[];
    /** Text of an empty first option, if any. */
    placeholder?: string;
  };

export const SelectField = bindableText<SelectProps>(function SelectInput(props) {
  const ids = useFieldIds(props);
  return (
    <Wrapper props={props} ids={ids}>
      <select {...textControl(props, ids)}>
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrapper>
  );
});

type CheckboxProps = CommonProps & Controlled<boolean> & { checked?: boolean };

export const CheckboxField = bindable<boolean, CheckboxProps>(
  function CheckboxInput(props) {
    const ids = useFieldIds(props);
    return (
      <Wrapper props={props} ids={ids} labelAfter>
        <input {...inputAttributes(props, ids)} type="checkbox" checked={props.current} onChange={(e) => props.set(e.target.checked)} />
      </Wrapper>
    );
  },
  (p) => !!p.checked,
  false,
);

type CheckboxGroupProps = Omit<CommonProps, 'label'> &
  Controlled<string[]> & {
    legend: string;
    options: Option[];
    value?: string[];
    emptyText?: string;
  };

/** A group of checkboxes choosing ids (the practitioners of a service, say). */
export const CheckboxGroup = bindable<string[], CheckboxGroupProps>(
  function CheckboxGroupInput(props) {
    const messages = useFieldErrors([props.name]);
    const id = useId();
    const value = props.current;
    return (
      <fieldset
        className={`checkbox-group${messages.length ? ' field--invalid' : ''}`}
        data-field={props.name}
        aria-describedby={messages.length ? `${id}-error` : undefined}
      >
        <legend>{props.legend}</legend>
        {props.hint && <p className="field__hint">{props.hint}</p>}
        {props.options.length === 0 && <p className="muted">{props.emptyText ?? 'Nothing to choose from yet.'}</p>}
        {props.options.map((o) => (
          <div className="field field--check" key={o.value}>
            <input
              id={`${id}-${o.value}`}
              type="checkbox"
              checked={value.includes(o.value)}
              disabled={props.disabled}
              onChange={(e) => props.set(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
        <FieldMessages id={`${id}-error`} messages={messages} />
      </fieldset>
    );
  },
  (p) => p.value ?? [],
  [],
);
