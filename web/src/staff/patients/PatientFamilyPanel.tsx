import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { isApiError, problemOf } from '../../api/errors';
import {
  RELATIONSHIPS,
  RELATIONSHIP_LABELS,
  patientLogApi,
  type PatientListItem,
  type Relationship,
} from '../../api/patients';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem } from '../../ui/Alert';
import { CheckboxField, FieldMessages, SelectField, useFieldErrors } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';
import { PatientFinder } from './PatientSearchResults';
import { EmptyState } from '../../ui/EmptyState';
import { PatientSubform } from './PatientSubform';

/** Only a parent or a guardian can be a patient's primary contact. */
const mayBePrimary = (r: string) => r === 'parent' || r === 'guardian';

const familySchema = z.object({
  relatedPatientId: z.string().refine((v) => v.length > 0, 'Choose the family member.'),
  relationship: z.string().refine((v) => (RELATIONSHIPS as readonly string[]).includes(v), 'Choose how they are related.'),
  primaryContact: z.boolean(),
});
type FamilyForm = z.infer<typeof familySchema>;
const EMPTY: FamilyForm = { relatedPatientId: '', relationship: '', primaryContact: false };

/** The Family tab: the linked members (each a link to their card); the desk and admins link another patient. */
export function PatientFamilyPanel({ patientId, mayLink }: { patientId: string; mayLink: boolean }) {
  const family = useApiQuery(queryKeys.patients.family(patientId), (api, signal) => patientLogApi.relationships(api, patientId, signal));

  return (
    <div className="patient-family">
      <h2>Family members</h2>
      {family.isPending ? (
        <Loading label="Loading family members…" />
      ) : family.isError ? (
        <LoadProblem error={family.error} retry={() => void family.refetch()} />
      ) : family.data.length === 0 ? (
        <EmptyState title="No family members linked." />
      ) : (
        <ul className="family-list">
          {family.data.map((m) => (
            <li key={m.patientId} className="family-list__item">
              <Link to={`/staff/patients/${encodeURIComponent(m.patientId)}`}>{m.name}</Link>
              <span>{RELATIONSHIP_LABELS[m.relationship] ?? m.relationship}</span>
              {m.primaryContact && <span className="badge badge--primary-contact">Primary contact</span>}
            </li>
          ))}
        </ul>
      )}
      {mayLink && <AddFamilyMemberForm patientId={patientId} />}
    </div>
  );
}

function AddFamilyMemberForm({ patientId }: { patientId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<PatientListItem | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm<FamilyForm>({ defaultValues: EMPTY, resolver: schemaResolver(familySchema), mode: 'onSubmit', reValidateMode: 'onSubmit' });
  const relationship = useWatch({ control: form.control, name: 'relationship' });
  const primaryAllowed = mayBePrimary(relationship);

  useEffect(() => {
    if (!primaryAllowed && form.getValues('primaryContact')) form.setValue('primaryContact', false);
  }, [primaryAllowed, form]);

  function choose(p: PatientListItem | null) {
    setChosen(p);
    form.setValue('relatedPatientId', p?.id ?? '');
    form.clearErrors('relatedPatientId');
  }

  const save = useMutation({
    mutationFn: (v: FamilyForm) =>
      patientLogApi.addRelationship(api, patientId, {
        relatedPatientId: v.relatedPatientId,
        relationship: v.relationship as Relationship,
        primaryContact: mayBePrimary(v.relationship) ? v.primaryContact : undefined,
      }),
    onMutate: () => {
      setProblem(null);
      setDone(null);
    },
    onSuccess: (items) => {
      const name = chosen ? `${chosen.firstName} ${chosen.lastName}` : 'The family member';
      queryClient.setQueryData(queryKeys.patients.family(patientId), items);
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.family(patientId) });
      form.reset(EMPTY);
      setChosen(null);
      setDone(`${name} is linked.`);
    },
    onError: (err) => {
      setServerErrors(form.setError, isApiError(err) ? err.fieldErrors : {});
      setProblem(problemOf(err));
    },
  });
  const saving = save.isPending;

  return (
    <PatientSubform form={form} title="Add family member" problem={problem} saving={saving} submitLabel="Add family member" savingLabel="Adding…" done={done} onValid={(v) => save.mutate(v)}>
      <ChosenPatient chosen={chosen} onClear={() => choose(null)} />
      {!chosen && (
        <PatientFinder label="Find a patient" hint="Name, email or phone." noMatch={(q) => `No patients match “${q}”.`} exclude={(p) => p.id === patientId} onChoose={choose} />
      )}
      <div className="grid-2">
        <SelectField
          name="relationship"
          label="Relationship"
          hint="What they are to this patient."
          placeholder="Choose…"
          options={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))}
        />
      </div>
      <CheckboxField
        name="primaryContact"
        label="Primary contact"
        hint={primaryAllowed ? 'The clinic contacts them first about this patient.' : 'Only a parent or guardian can be the primary contact.'}
        disabled={!primaryAllowed}
      />
    </PatientSubform>
  );
}

function ChosenPatient({ chosen, onClear }: { chosen: PatientListItem | null; onClear: () => void }) {
  const messages = useFieldErrors(['relatedPatientId']);
  return (
    <div data-field="relatedPatientId" className={messages.length ? 'field field--invalid' : undefined}>
      {chosen && (
        <p className="family-chosen">
          Family member: <strong>{`${chosen.firstName} ${chosen.lastName}`}</strong>{' '}
          <button type="button" className="btn btn--small" onClick={onClear}>
            Change
          </button>
        </p>
      )}
      <FieldMessages messages={messages} />
    </div>
  );
}
