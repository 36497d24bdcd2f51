import '@testing-library/jest-dom/vitest';
import { notifyManager } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// TanStack Query hands results to components in a macrotask (setTimeout 0) to batch them; in tests hand them over
// in a microtask, as a resolved fetch used to set state, so a page shows its data as soon as its mocked fetch answers.
notifyManager.setScheduler(queueMicrotask);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});
