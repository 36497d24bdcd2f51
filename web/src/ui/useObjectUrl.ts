// One URL per blob, made once and released when the blob itself is collected (the query cache lets go of it). No
// effect is involved, so React's double run of effects in development never leaves a revoked URL on screen.
const urls = new WeakMap<Blob, string>();
const release = new FinalizationRegistry<string>((url) => URL.revokeObjectURL(url));

/** A blob (an image read with the sign-in) as a URL an <img> can show. */
export function useObjectUrl(blob: Blob | null | undefined): string | null {
  if (!blob) return null;
  let url = urls.get(blob);
  if (!url) {
    url = URL.createObjectURL(blob);
    urls.set(blob, url);
    release.register(blob, url);
  }
  return url;
}
