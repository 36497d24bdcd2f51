import type { Location } from '../../api/types';
import { SelectField } from '../../ui/Field';
import { useLookup } from './useLookup';

/** A select of live locations; keeps showing a current value that is no longer listed. */
export function LocationSelect(props: {
  name: string;
  label?: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  hideLabel?: boolean;
}) {
  const { items, loading } = useLookup<Location>('locations');
  const options = items.map((l) => ({ value: l.id, label: l.name }));
  if (props.value && !options.some((o) => o.value === props.value)) options.push({ value: props.value, label: props.value });
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
