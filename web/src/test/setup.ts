import '@testing-library/jest-dom/vitest';
import { notifyManager } from '@tanstack/react-query';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// TanStack Query hands results to components in a macrotask (setTimeout 0) to batch them; in tests hand them over
// in a microtask, as a resolved fetch used to set state, so a page shows its data as soon as its mocked fetch answers.
notifyManager.setScheduler(queueMicrotask);

// findBy… waits up to 5 s instead of 1 s: the first test of a file also loads its lazy route chunks, which on a busy
// 2-core machine (the .NET build alongside) has taken longer than a second. A test that passes still passes at once.
configure({ asyncUtilTimeout: 5000 });

// Live updates: a stand-in for the SignalR client (see ./live); off unless a test turns the server on.
vi.mock('@microsoft/signalr', () => import('./live'));

afterEach(async () => {
  (await import('./live')).liveServer.reset();
  cleanup();
  vi.unstubAllGlobals(); // a test's stand-in for a third party's fetch (the Stripe fake) ends with it
  sessionStorage.clear();
});
