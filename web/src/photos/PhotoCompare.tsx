import { useId, useState } from 'react';
import { PHOTO_ANGLES, type ClinicalPhoto, type PhotoAngle } from '../api/photos';
import { useClock } from '../booking/clock';
import { ANGLE_LABELS } from './photoLabels';
import { PhotoImage } from './PhotoImage';

type Mode = 'side-by-side' | 'slider';

/**
 * A before and an after of the same angle (from two visits, or before and after a treatment at one): side by side, or
 * one over the other with a divider to slide. Both are shown in the same frame (cropped alike), so the face lines up;
 * each says its visit's date (and which photo of the visit it is, where it has more than one).
 */
export function PhotoCompare({ photos, heading }: { photos: ClinicalPhoto[]; heading: string }) {
  const clock = useClock();
  const ids = useId();
  const angles = PHOTO_ANGLES.filter((a) => photos.filter((p) => p.angle === a).length >= 2);
  const [chosenAngle, setAngle] = useState<PhotoAngle | null>(null);
  const angle = chosenAngle && angles.includes(chosenAngle) ? chosenAngle : angles[0];
  const series = photos
    .filter((p) => p.angle === angle)
    .sort((a, b) => Date.parse(a.visitStart) - Date.parse(b.visitStart) || Date.parse(a.uploadedAt) - Date.parse(b.uploadedAt));
  const [picked, setPicked] = useState<{ before?: string; after?: string }>({});
  const [mode, setMode] = useState<Mode>('side-by-side');
  const [divider, setDivider] = useState(50);

  if (!angle) {
    return (
      <section aria-labelledby={`${ids}-h`} className="photo-compare">
        <h3 id={`${ids}-h`}>{heading}</h3>
        <p className="muted">A comparison needs two photos of the same angle.</p>
      </section>
    );
  }

  const before = series.find((p) => p.id === picked.before) ?? series[0];
  const after = series.find((p) => p.id === picked.after) ?? series[series.length - 1];
  const label = (p: ClinicalPhoto) => {
    const sameVisit = series.filter((other) => other.chartId === p.chartId);
    return sameVisit.length > 1 ? `${clock.dateTime(p.visitStart)} · photo ${sameVisit.indexOf(p) + 1} of ${sameVisit.length}` : clock.dateTime(p.visitStart);
  };
  const choose = (which: 'before' | 'after', id: string) => setPicked((current) => ({ ...current, [which]: id }));

  return (
    <section aria-labelledby={`${ids}-h`} className="photo-compare">
      <h3 id={`${ids}-h`}>{heading}</h3>
      <div className="photo-compare__controls">
        <label>
          Angle
          <select value={angle} onChange={(e) => { setAngle(e.target.value as PhotoAngle); setPicked({}); }}>
            {angles.map((a) => (
              <option key={a} value={a}>{ANGLE_LABELS[a]}</option>
            ))}
          </select>
        </label>
        {(['before', 'after'] as const).map((which) => (
          <label key={which}>
            {which === 'before' ? 'Before' : 'After'}
            <select value={(which === 'before' ? before : after).id} onChange={(e) => choose(which, e.target.value)}>
              {series.map((p) => (
                <option key={p.id} value={p.id}>{label(p)}</option>
              ))}
            </select>
          </label>
        ))}
        <fieldset className="photo-compare__mode">
          <legend>Show</legend>
          {(['side-by-side', 'slider'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name={`${ids}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'side-by-side' ? 'Side by side' : 'Slider'}
            </label>
          ))}
        </fieldset>
      </div>

      {mode === 'side-by-side' ? (
        <div className="photo-compare__pair">
          {[{ photo: before, word: 'Before' }, { photo: after, word: 'After' }].map(({ photo, word }) => (
            <figure key={word} className="photo-compare__frame">
              <PhotoImage url={photo.url} alt={`${word}: ${ANGLE_LABELS[photo.angle]}, ${label(photo)}`} className="photo-compare__image" />
              <figcaption>{word} · {label(photo)}</figcaption>
            </figure>
          ))}
        </div>
      ) : (
        <figure className="photo-compare__frame photo-compare__slider">
          <div className="photo-compare__stack">
            <PhotoImage url={before.url} alt={`Before: ${ANGLE_LABELS[before.angle]}, ${label(before)}`} className="photo-compare__image" />
            <div className="photo-compare__over" style={{ clipPath: `inset(0 0 0 ${divider}%)` }}>
              <PhotoImage url={after.url} alt={`After: ${ANGLE_LABELS[after.angle]}, ${label(after)}`} className="photo-compare__image" />
            </div>
            <span className="photo-compare__divider" style={{ left: `${divider}%` }} aria-hidden="true" />
          </div>
          <label className="photo-compare__range">
            <span className="sr-only">Divider between before and after</span>
            <input type="range" min={0} max={100} value={divider} onChange={(e) => setDivider(Number(e.target.value))} />
          </label>
          <figcaption>
            Before · {label(before)} (left) — After · {label(after)} (right)
          </figcaption>
        </figure>
      )}
    </section>
  );
}
