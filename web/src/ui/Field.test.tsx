import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, type ReactNode } from 'react';
import { FormProvider, useForm, type UseFormReturn } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { CheckboxGroup, SelectField, TextField } from './Field';
import { setServerErrors } from './form';
import { Rows } from './Rows';

type Values = { name: string; city: string; kind: string; ids: string[]; closures: { date: string }[] };

/** A form around `children`; `onForm` gets its methods. */
function TestForm({ children, onForm }: { children: ReactNode; onForm: (form: UseFormReturn<Values>) => void }) {
  const form = useForm<Values>({ defaultValues: { name: 'Midtown', city: '', kind: 'a', ids: [], closures: [] } });
  useEffect(() => {
    onForm(form);
  }, [form, onForm]);
  return <FormProvider {...form}>{children}</FormProvider>;
}

describe('fields in a react-hook-form form', () => {
  it('bind to the form value by name (or by `field` when the API path differs)', async () => {
    const user = userEvent.setup();
    let form!: UseFormReturn<Values>;
    render(
      <TestForm onForm={(f) => (form = f)}>
        <TextField name="name" label="Name" />
        <TextField name="address.city" field="city" label="City" />
        <SelectField name="kind" label="Kind" options={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} />
        <CheckboxGroup name="ids" legend="Practitioners" options={[{ value: 'p1', label: 'Ivy' }]} />
      </TestForm>,
    );
    expect(screen.getByLabelText('Name')).toHaveValue('Midtown');
    await user.type(screen.getByLabelText('City'), 'New York');
    await user.selectOptions(screen.getByLabelText('Kind'), 'b');
    await user.click(screen.getByRole('checkbox', { name: 'Ivy' }));
    expect(form.getValues()).toMatchObject({ name: 'Midtown', city: 'New York', kind: 'b', ids: ['p1'] });
  });

  it('show a server’s field errors (problem+json keys) next to the matching inputs', async () => {
    let form!: UseFormReturn<Values>;
    render(
      <TestForm onForm={(f) => (form = f)}>
        <TextField name="name" label="Name" hint="As patients see it" />
        <TextField name="address.city" field="city" also={['address']} label="City" />
        <TextField name="closures[0].date" label="Date" />
      </TestForm>,
    );
    setServerErrors(form.setError, {
      name: ['A location with this name exists.'],
      'address.city': ['City is required.'],
      'closures[0].date': ['Enter a date like 2026-12-25.'],
    });
    await screen.findByText('A location with this name exists.');
    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('As patients see it A location with this name exists.');
    expect(screen.getByLabelText('City')).toHaveAccessibleDescription('City is required.');
    expect(screen.getByLabelText('Date')).toHaveAccessibleDescription('Enter a date like 2026-12-25.');
  });

  it('outside a form are controlled by value and onChange, without errors', async () => {
    const user = userEvent.setup();
    const seen: string[] = [];
    render(<TextField name="notes" label="Notes" value="" onChange={(v) => seen.push(v)} />);
    await user.type(screen.getByLabelText('Notes'), 'x');
    expect(seen).toEqual(['x']);
    expect(screen.getByLabelText('Notes')).not.toHaveAttribute('aria-invalid');
  });
});

describe('Rows', () => {
  it('adds and removes rows of the form’s array, each a named fieldset', async () => {
    const user = userEvent.setup();
    let form!: UseFormReturn<Values>;
    render(
      <TestForm onForm={(f) => (form = f)}>
        <Rows
          name="closures"
          legend="Closures"
          rowLabel="Closure"
          newItem={() => ({ date: '' })}
          emptyText="No closures planned."
          renderRow={(i) => <TextField name={`closures[${i}].date`} label="Date" />}
        />
      </TestForm>,
    );
    expect(screen.getByText('No closures planned.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add closure' }));
    await user.click(screen.getByRole('button', { name: 'Add closure' }));
    expect(screen.getByRole('group', { name: 'Closure 2' })).toBeInTheDocument();
    await user.type(screen.getAllByLabelText('Date')[1], '2026-12-25');
    await user.click(screen.getByRole('button', { name: 'Remove closure 1' }));
    expect(form.getValues('closures')).toEqual([{ date: '2026-12-25' }]);
    expect(screen.queryByRole('group', { name: 'Closure 2' })).not.toBeInTheDocument();
  });
});
