// Account lockout for the local sign-in page: after `attempts` consecutive failed passwords for one email, that
// email is locked for `minutes` from the failure that reached the limit. While locked, every attempt is refused,
// even with the right password, and does not extend the lock. A successful sign-in clears the count; so does the
// end of a lock (the next attempt starts from zero).
//
// The key is whatever the person typed as email (lower-cased), known or not: unknown emails are counted and locked
// exactly like real ones, so neither the wrong-password message nor the lockout tells whether an account exists.
//
// Everything is in memory, like the rest of the provider. The clock is injectable for tests.

/** Reads a limit from the environment: a positive number (whole if `whole`), or `fallback` when unset. */
export function readLimit(value, fallback, name, { whole = false } = {}) {
  if (value === undefined || String(value).trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new Error(`${name} must be a positive ${whole ? 'whole ' : ''}number, not '${value}'`);
  }
  return n;
}

export function createLockout({ attempts = 5, minutes = 15, now = () => Date.now(), maxTracked = 10_000 } = {}) {
  const lockMs = minutes * 60_000;
  // email -> { failures, lockedUntil (ms since epoch) | 0 }. Map order is insertion order, which the cap below uses.
  const entries = new Map();
  const keyOf = (email) => String(email ?? '').trim().toLowerCase();

  /** The entry for `key`, with a lock that has run out cleared (the count starts again). */
  function current(key) {
    const entry = entries.get(key);
    if (entry && entry.lockedUntil && now() >= entry.lockedUntil) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  const state = (entry) => (entry?.lockedUntil
    ? { locked: true, until: new Date(entry.lockedUntil), failures: entry.failures }
    : { locked: false, failures: entry?.failures ?? 0 });

  return {
    attempts,
    minutes,

    /** Whether `email` is locked now, and until when. */
    status(email) {
      return state(current(keyOf(email)));
    },

    /** Records a failed password for `email` (not to be called while it is locked); returns the new state. */
    fail(email) {
      const key = keyOf(email);
      const entry = current(key) ?? { failures: 0, lockedUntil: 0 };
      if (entry.lockedUntil) return state(entry);
      entry.failures += 1;
      if (entry.failures >= attempts) entry.lockedUntil = now() + lockMs;
      // Re-insert so the most recently touched entries are the last to go when the cap is reached.
      entries.delete(key);
      entries.set(key, entry);
      // Anyone can type any email, so bound the memory: forget the oldest entries that are not locked,
      // and the oldest locked ones only if every entry is locked.
      if (entries.size > maxTracked) {
        const oldestUnlocked = [...entries].find(([, e]) => !e.lockedUntil)?.[0];
        entries.delete(oldestUnlocked ?? entries.keys().next().value);
      }
      return state(entry);
    },

    /** A successful sign-in: the count starts again. */
    succeed(email) {
      entries.delete(keyOf(email));
    },
  };
}

/**
 * The message for a locked account, e.g. "Too many failed attempts. This account is locked until 3:45 PM
 * (in 15 minutes). Try again then, or ask the clinic to help." The clock time is the provider's local time
 * (it runs on the person's machine), written the way `locale` writes times; "in N minutes" is rounded up so it
 * never promises less waiting than there is.
 */
export function lockoutMessage(until, { now = Date.now(), locale = 'en-US', timeZone } = {}) {
  const minutesLeft = Math.max(1, Math.ceil((until.getTime() - now) / 60_000));
  const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).format(until);
  return `Too many failed attempts. This account is locked until ${clock} (in ${minutesLeft} ${minutesLeft === 1 ? 'minute' : 'minutes'}). `
    + 'Try again then, or ask the clinic to help.';
}

/**
 * The locale to write times in, from the browser's Accept-Language (its first language that Node's Intl knows);
 * en-US otherwise. Only the clock time follows it: the page itself is in English.
 */
export function localeFrom(acceptLanguage) {
  for (const part of String(acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0].trim();
    if (!tag || tag === '*') continue;
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([tag]);
      if (supported) return supported;
    } catch { /* not a valid language tag: try the next one */ }
  }
  return 'en-US';
}
