import type { Equipment } from '../../api/types';
import { z } from 'zod';
import { fieldErrorsOf } from '../../ui/form';
import { NameTypeLocation, PeriodRows } from '../resource/FieldGroups';
import { LocationName } from '../resource/LocationSelect';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { LIMITS, formSchema, isoToLocalInput, localInputToIso, periodShape } from '../resource/validation';

interface WindowForm {
  start: string;
  end: string;
  reason: string;
}

export interface EquipmentForm {
  name: string;
  type: string;
  locationId: string;
  /** datetime-local values in the browser's zone */
  maintenanceWindows: WindowForm[];
}

export const equipmentSchema = formSchema(
  { name: z.string(), type: z.string(), locationId: z.string(), maintenanceWindows: z.array(periodShape) },
  (f, v) => {
    v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
    v.text('type', f.type, 'Type', { required: true, max: LIMITS.shortText });
    v.required('locationId', f.locationId, 'Location');
    f.maintenanceWindows.forEach((w, i) => v.period(`maintenanceWindows[${i}]`, w));
  },
);

export const validateEquipment = (f: EquipmentForm) => fieldErrorsOf(equipmentSchema, f);

function EquipmentFields({ readOnly }: FieldsProps) {
  return (
    <>
      <fieldset>
        <legend>Equipment</legend>
        <NameTypeLocation typeHint="Services that need this type of equipment book it, for example IPL laser" />
      </fieldset>
      <PeriodRows
        name="maintenanceWindows"
        legend="Maintenance windows"
        rowLabel="Maintenance window"
        readOnly={readOnly}
        emptyText="No maintenance planned."
      />
    </>
  );
}

export const equipmentResource: ResourceDef<Equipment, EquipmentForm> = {
  apiPath: 'equipment',
  routePath: '/staff/equipment',
  title: 'Equipment',
  singular: 'equipment',
  newLabel: 'New equipment',
  emptyText: 'No equipment yet',
  displayName: (e) => e.name,
  columns: [
    { header: 'Type', cell: (e) => e.type },
    { header: 'Location', cell: (e) => <LocationName id={e.locationId} /> },
    { header: 'Maintenance windows', cell: (e) => e.maintenanceWindows?.length ?? 0 },
  ],
  emptyForm: () => ({ name: '', type: '', locationId: '', maintenanceWindows: [] }),
  toForm: (e) => ({
    name: e.name ?? '',
    type: e.type ?? '',
    locationId: e.locationId ?? '',
    maintenanceWindows: (e.maintenanceWindows ?? []).map((w) => ({
      start: isoToLocalInput(w.start),
      end: isoToLocalInput(w.end),
      reason: w.reason ?? '',
    })),
  }),
  toDraft: (f) => ({
    name: f.name.trim(),
    type: f.type.trim(),
    locationId: f.locationId,
    maintenanceWindows: f.maintenanceWindows.map((w) => ({
      start: localInputToIso(w.start),
      end: localInputToIso(w.end),
      reason: w.reason.trim(),
    })),
  }),
  schema: equipmentSchema,
  Fields: EquipmentFields,
};
