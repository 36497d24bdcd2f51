import type { Equipment } from '../../api/types';
import { TextField } from '../../ui/Field';
import { Rows } from '../../ui/Rows';
import { LocationName, LocationSelect } from '../resource/LocationSelect';
import type { FieldsProps, ResourceDef } from '../resource/types';
import { LIMITS, Validator, isoToLocalInput, localInputToIso } from '../resource/validation';

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

export function validateEquipment(f: EquipmentForm) {
  const v = new Validator();
  v.text('name', f.name, 'Name', { required: true, max: LIMITS.name });
  v.text('type', f.type, 'Type', { required: true, max: LIMITS.shortText });
  v.required('locationId', f.locationId, 'Location');
  f.maintenanceWindows.forEach((w, i) => {
    const p = `maintenanceWindows[${i}]`;
    v.required(`${p}.start`, w.start, 'Start');
    v.required(`${p}.end`, w.end, 'End');
    if (w.start && w.end && new Date(w.end) <= new Date(w.start)) v.add(`${p}.end`, 'End must be after start.');
    v.maxLength(`${p}.reason`, w.reason, LIMITS.reason, 'Reason');
  });
  return v.errors;
}

function EquipmentFields({ value: f, onChange, readOnly }: FieldsProps<EquipmentForm>) {
  const set = <K extends keyof EquipmentForm>(key: K, v: EquipmentForm[K]) => onChange({ ...f, [key]: v });
  return (
    <>
      <fieldset>
        <legend>Equipment</legend>
        <TextField name="name" label="Name" value={f.name} onChange={(v) => set('name', v)} required />
        <TextField
          name="type"
          label="Type"
          value={f.type}
          onChange={(v) => set('type', v)}
          hint="Services that need this type of equipment book it, for example IPL laser"
          required
        />
        <LocationSelect name="locationId" value={f.locationId} onChange={(v) => set('locationId', v)} required />
      </fieldset>
      <Rows
        name="maintenanceWindows"
        legend="Maintenance windows"
        rowLabel="Maintenance window"
        items={f.maintenanceWindows}
        onChange={(v) => set('maintenanceWindows', v)}
        newItem={() => ({ start: '', end: '', reason: '' })}
        readOnly={readOnly}
        emptyText="No maintenance planned."
        hint="Times are in your browser's time zone."
        renderRow={(w, i, update) => (
          <>
            <TextField
              name={`maintenanceWindows[${i}].start`}
              label="Start"
              type="datetime-local"
              value={w.start}
              onChange={(v) => update({ ...w, start: v })}
              required
            />
            <TextField
              name={`maintenanceWindows[${i}].end`}
              label="End"
              type="datetime-local"
              value={w.end}
              onChange={(v) => update({ ...w, end: v })}
              required
            />
            <TextField
              name={`maintenanceWindows[${i}].reason`}
              label="Reason"
              value={w.reason}
              onChange={(v) => update({ ...w, reason: v })}
            />
          </>
        )}
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
  validate: validateEquipment,
  Fields: EquipmentFields,
};
