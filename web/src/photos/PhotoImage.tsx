import { photosApi } from '../api/photos';
import { queryKeys } from '../api/queries';
import { useApiQuery } from '../api/useApiQuery';
import { useObjectUrl } from '../ui/useObjectUrl';

/**
 * A clinical photo. Storage's short-lived links are shown as they are; an image the API serves itself (where the
 * storage mints no links) is fetched with the sign-in, as an <img> could not send it, and shown from memory.
 */
export function PhotoImage({ url, alt, className }: { url: string; alt: string; className?: string }) {
  const viaApi = url.startsWith('/api/');
  const image = useApiQuery(queryKeys.photos.image(url), (api, signal) => photosApi.image(api, url, signal), { enabled: viaApi, staleTime: Infinity });
  const objectUrl = useObjectUrl(image.data);
  const src = viaApi ? objectUrl : url;

  if (!src) {
    return <span className={`photo-placeholder ${className ?? ''}`} role="img" aria-label={image.isError ? `${alt}: could not be loaded` : `${alt}: loading`} />;
  }
  return <img src={src} alt={alt} className={className} loading="lazy" decoding="async" />;
}
