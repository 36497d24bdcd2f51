import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * After an in-app navigation, move focus to <main id="main"> so keyboard and screen-reader
 * users start at the new page's content, as they would after a full page load.
 */
export function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [pathname]);
}

/**
 * Each step of a multi-step flow (booking, merging) starts at its heading, so keyboard and screen-reader users hear
 * where they are: focus <ref> whenever <step> changes, but not on the first render (the page's own focus stands).
 */
export function useFocusOnStep(ref: RefObject<HTMLElement | null>, step: unknown) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [ref, step]);
}
