import { z } from 'zod';
import type { Room } from '../../api/types';
import { fieldErrorsOf } from '../../ui/form';
import { NameTypeLocation, NumberField } from '../resource/FieldGroups';
import { LocationName } from '../resource/LocationSelect';
import type { ResourceDef } from '../resource/types';
import { LIMITS, formSchema, intOrZero } from '../resource/validation';

export interface RoomForm {
  name: string;
  type: string;
  locationId: string;
  capacity: string;
}

export const roomSchema = formSchema({ name: z.string(), type: z.string(), locationId: z.string(), capacity: z.string() }, (f, v) => {
  v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
  v.text('type', f.type, 'Type', { required: true, max: LIMITS.shortText });
  v.required('locationId', f.locationId, 'Location');
  v.integer('capacity', f.capacity, 'Capacity', { min: 1, max: 1000 });
});

export const validateRoom = (f: RoomForm) => fieldErrorsOf(roomSchema, f);

function RoomFields() {
  return (
    <fieldset>
      <legend>Room</legend>
      <NameTypeLocation typeHint="For example Treatment room, Laser suite" />
      <NumberField name="capacity" label="Capacity" min={1} hint="How many appointments the room can hold at once" required />
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
  schema: roomSchema,
  Fields: RoomFields,
};
