import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { patientsApi, type PatientRecord } from '../../api/patients';
import { problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { ProblemAlert } from '../../ui/Alert';
import { useObjectUrl } from '../../ui/useObjectUrl';

/**
 * The patient's photo beside their name, so the desk and the injector greet the right person; their initials until
 * there is one. The image is fetched with the caller's token (an <img> could not send it) and shown from memory.
 */
export function PatientPhoto({ patient }: { patient: PatientRecord }) {
  const api = useApi();
  const photoId = patient.photoId;
  const photo = useQuery({
    queryKey: queryKeys.patients.photo(patient.id, photoId ?? ''),
    queryFn: ({ signal }) => patientsApi.photo(api, patient.id, signal),
    enabled: Boolean(photoId),
    staleTime: Infinity,
  });
  const url = useObjectUrl(photo.data);

  return url ? (
    <img className="patient-photo" src={url} alt={`Photo of ${patient.displayName}`} width={64} height={64} />
  ) : (
    <span className="patient-photo patient-photo--initials" aria-hidden="true">
      {`${patient.firstName[0] ?? ''}${patient.lastName[0] ?? ''}`.toUpperCase()}
    </span>
  );
}

/** Choose a new photo (or remove it): the record comes back naming it, and every view of the patient follows. */
export function PatientPhotoControl({ patient, onSaved }: { patient: PatientRecord; onSaved: (record: PatientRecord) => void }) {
  const api = useApi();
  const client = useQueryClient();
  const inputId = useId();
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (image: File | null) => (image ? patientsApi.setPhoto(api, patient.id, image) : patientsApi.removePhoto(api, patient.id)),
    onSuccess: (record, image) => {
      client.setQueryData(queryKeys.patients.record(patient.id), record);
      onSaved(record);
      setDone(image ? 'Photo saved.' : 'Photo removed.');
    },
  });

  return (
    <div className="patient-photo-control">
      <PatientPhoto patient={patient} />
      <div>
        <label htmlFor={inputId} className="btn btn--small">
          {patient.photoId ? 'Change photo' : 'Add a photo'}
        </label>
        <input
          id={inputId}
          className="sr-only"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          disabled={save.isPending}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            setDone(null);
            if (file) save.mutate(file);
          }}
        />
        {patient.photoId && (
          <button type="button" className="btn btn--small btn--link" disabled={save.isPending} onClick={() => { setDone(null); save.mutate(null); }}>
            Remove photo
          </button>
        )}
        <p className="field__hint">A PNG, JPEG or WebP image, at most 2 MB.</p>
        {save.isPending && <p role="status">Saving the photo…</p>}
        {done && !save.isPending && <p role="status">{done}</p>}
        {save.isError && <ProblemAlert problem={problemOf(save.error)} unmatched={problemOf(save.error).errors} />}
      </div>
    </div>
  );
}
