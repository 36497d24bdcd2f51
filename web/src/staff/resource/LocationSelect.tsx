import type { Location } from '../../api/types';
import { SelectField } from '../../ui/Field';
import { useLookup } from './useLookup';
import { useCurrentValue } from '../../ui/form';

/** A select of live locations; keeps showing a current value that is no longer listed. */
export function LocationSelect(props: {
  name: string;
  label?: string;
  /** Without `onChange`, bound to the form at `name` (see ui/Field). */
  value?: string;
  onChange?: (v: string) => void;
  required?: boolean;
  hideLabel?: boolean;
}) {
  const { items, loading } = useLookup<Location>('locations');
  const current = useCurrentValue(props.name, props.value);
  const options = items.map((l) => ({ value: l.id, label: l.name }));
  if (current && !options.some((o) => o.value === current)) options.push({ value: current, label: current });
  return (
    <SelectField
      name={props.name}
      label={props.label ?? 'Location'}
      value={props.value}
      onChange={props.onChange}
      options={options}
      placeholder={loading ? 'Loading locations…' : 'Choose a location'}
      required={props.required}
      hideLabel={props.hideLabel}
    />
  );
}

export function LocationName({ id }: { id: string }) {
  const { items } = useLookup<Location>('locations');
  const found = items.find((l) => l.id === id);
  return <>{found ? found.name : id}</>;
}
