import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { Chart } from '../api/charts';
import { problemOf } from '../api/errors';
import { PHOTO_ANGLES, photosApi, usePatientPhotos, type ClinicalPhoto, type PhotoAngle } from '../api/photos';
import { queryKeys } from '../api/queries';
import { useApi } from '../auth/AuthContext';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../ui/Alert';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ANGLE_LABELS, CONSENT_LABELS } from './photoLabels';
import { PhotoCompare } from './PhotoCompare';
import { PhotoImage } from './PhotoImage';
import './photos.css';

/**
 * The visit's photos on its chart: taken with the tablet's camera (or chosen) at a named angle, shown as thumbnails
 * with what the patient's photo release allows, and compared with earlier visits' photos of the same angle. A photo
 * can be added after signing: it is its own record and leaves the signed chart as it was.
 */
export function ChartPhotos({ chart }: { chart: Chart }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const ids = useId();
  const photos = usePatientPhotos(chart.patientId);
  const [angle, setAngle] = useState<PhotoAngle>('front');
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: async (file: File) => photosApi.add(api, chart.id, angle, await asJpegIfHeic(file)),
    onSuccess: async (photo) => {
      setDone(`${ANGLE_LABELS[photo.angle]} photo added.`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.photos.ofPatient(chart.patientId) });
    },
  });
  const [removing, setRemoving] = useState<ClinicalPhoto | null>(null);
  const [reason, setReason] = useState('');
  const remove = useMutation({
    mutationFn: (photo: ClinicalPhoto) => photosApi.remove(api, photo.id, reason),
    onSuccess: async (_, photo) => {
      setRemoving(null);
      setReason('');
      setDone(`${ANGLE_LABELS[photo.angle]} photo removed.`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.photos.ofPatient(chart.patientId) });
    },
  });
  const ofThisVisit = photos.data?.filter((p) => p.chartId === chart.id) ?? [];
  const consent = photos.data?.[0]?.consent;

  return (
    <section aria-labelledby={`${ids}-h`} className="panel chart-photos">
      <h2 id={`${ids}-h`}>Photos</h2>
      <div className="chart-photos__add">
        <label>
          Angle of the photo
          <select value={angle} onChange={(e) => setAngle(e.target.value as PhotoAngle)}>
            {PHOTO_ANGLES.map((a) => (
              <option key={a} value={a}>{ANGLE_LABELS[a]}</option>
            ))}
          </select>
        </label>
        <label htmlFor={`${ids}-file`} className={`btn btn--primary${add.isPending ? ' is-disabled' : ''}`}>
          {add.isPending ? 'Adding the photo…' : 'Take or choose a photo'}
        </label>
        <input
          id={`${ids}-file`}
          className="sr-only"
          type="file"
          // HEIC (an iPhone's own format) is turned into JPEG here: the server keeps JPEG and PNG, which every browser shows.
          accept="image/jpeg,image/png,image/heic,image/heif,.heic,.heif"
          disabled={add.isPending}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            setDone(null);
            if (file) add.mutate(file);
          }}
        />
      </div>
      <p className="field__hint">JPEG, PNG or HEIC, at most 20 MB. The location and camera details are removed before the photo is kept.</p>
      {consent && <p className="chart-photos__consent">{CONSENT_LABELS[consent]}</p>}
      {add.isError && <ProblemAlert problem={problemOf(add.error)} unmatched={problemOf(add.error).errors} />}
      {remove.isError && !removing && <ProblemAlert problem={problemOf(remove.error)} />}
      {done && !add.isPending && <StatusMessage>{done}</StatusMessage>}

      {photos.isPending ? (
        <Loading label="Loading the photos…" />
      ) : photos.isError ? (
        <LoadProblem error={photos.error} retry={() => void photos.refetch()} />
      ) : (
        <>
          {ofThisVisit.length === 0 ? (
            <p className="muted">No photos of this visit yet.</p>
          ) : (
            <ul className="photo-grid" aria-label="Photos of this visit">
              {ofThisVisit.map((p) => (
                <li key={p.id}>
                  <figure>
                    <PhotoImage url={p.thumbnailUrl} alt={`${ANGLE_LABELS[p.angle]} photo`} className="photo-grid__thumbnail" />
                    <figcaption>{ANGLE_LABELS[p.angle]} · {p.takenBy}</figcaption>
                  </figure>
                  <button type="button" className="btn btn--small btn--link" onClick={() => { remove.reset(); setRemoving(p); }} aria-label={`Remove the ${ANGLE_LABELS[p.angle].toLowerCase()} photo`}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <PhotoCompare photos={photos.data} heading="Before and after" />
        </>
      )}
      {removing && (
        <ConfirmDialog title="Remove this photo?" confirmLabel="Remove photo" onConfirm={() => remove.mutate(removing)} onCancel={() => setRemoving(null)} busy={remove.isPending}>
          <p>No one will see the image again (storage keeps deleted files 7 days for recovery). The chart keeps a note of who removed it and why.</p>
          {remove.isError && <ProblemAlert problem={problemOf(remove.error)} />}
          <div className="field">
            <label htmlFor={`${ids}-reason`}>Why (for example: the wrong patient)</label>
            <input id={`${ids}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The HEIF brands an iPhone writes, at bytes 8-12 after 'ftyp' (told by the bytes, not the name). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * A HEIC photo as a JPEG (with libheif, loaded only when one is chosen: it is large); any other file as it is. The
 * converter's CSP build runs in a worker made from a blob, which the site's policy allows (worker-src blob:).
 */
async function asJpegIfHeic(file: File): Promise<Blob> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const text = String.fromCharCode(...head);
  if (text.slice(4, 8) !== 'ftyp' || !HEIF_BRANDS.has(text.slice(8, 12))) return file;
  const { heicTo } = await import('heic-to/csp');
  // The converter never answers when its worker cannot start: a minute is far longer than any photo takes.
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 60_000));
  try {
    return await Promise.race([heicTo({ blob: file, type: 'image/jpeg', quality: 0.92 }), timeout]);
  } catch {
    throw new Error('This HEIC photo could not be read. Take it again, or choose it as a JPEG.');
  }
}
