import type { Room } from '../../api/types';
import { TextField } from '../../ui/Field';
import { LocationName, LocationSelect } from '../resource/LocationSelect';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { LIMITS, Validator, intOrZero } from '../resource/validation';

export interface RoomForm {
  name: string;
  type: string;
  locationId: string;
  capacity: string;
}

export function validateRoom(f: RoomForm) {
  const v = new Validator();
  v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
  v.text('type', f.type, 'Type', { required: true, max: LIMITS.shortText });
  v.required('locationId', f.locationId, 'Location');
  v.integer('capacity', f.capacity, 'Capacity', { min: 1, max: 1000 });
  return v.errors;
}

function RoomFields({ value: f, onChange }: FieldsProps<RoomForm>) {
  const set = <K extends keyof RoomForm>(key: K, v: RoomForm[K]) => onChange({ ...f, [key]: v });
  return (
    <fieldset>
      <legend>Room</legend>
      <TextField name="name" label="Name" value={f.name} onChange={(v) => set('name', v)} required />
      <TextField
        name="type"
        label="Type"
        value={f.type}
        onChange={(v) => set('type', v)}
        hint="For example Treatment room, Laser suite"
        required
      />
      <LocationSelect name="locationId" value={f.locationId} onChange={(v) => set('locationId', v)} required />
      <TextField
        name="capacity"
        label="Capacity"
        type="number"
        inputMode="numeric"
        inputProps={{ min: 1, step: 1 }}
        value={f.capacity}
        onChange={(v) => set('capacity', v)}
        hint="How many appointments the room can hold at once"
        required
      />
    </fieldset>
  );
}

export const roomsResource: ResourceDef<Room, RoomForm> = {
  apiPath: 'rooms',
  routePath: '/staff/rooms',
  title: 'Rooms',
  singular: 'room',
  newLabel: 'New room',
  emptyText: 'No rooms yet',
  displayName: (r) => r.name,
  columns: [
    { header: 'Type', cell: (r) => r.type },
    { header: 'Location', cell: (r) => <LocationName id={r.locationId} /> },
    { header: 'Capacity', cell: (r) => r.capacity },
  ],
  emptyForm: () => ({ name: '', type: '', locationId: '', capacity: '1' }),
  toForm: (r) => ({ name: r.name ?? '', type: r.type ?? '', locationId: r.locationId ?? '', capacity: String(r.capacity ?? 1) }),
  toDraft: (f) => ({ name: f.name.trim(), type: f.type.trim(), locationId: f.locationId, capacity: intOrZero(f.capacity) }),
  validate: validateRoom,
  Fields: RoomFields,
};
