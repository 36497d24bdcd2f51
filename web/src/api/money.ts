/** Money is integer minor units plus an ISO 4217 currency code, as the API sends it. */
export interface Money {
  amount: number;
  currency: string;
}

export const CURRENCIES = ['USD', 'CAD', 'EUR', 'GBP', 'AUD'] as const;

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Formats minor units for display: `{35000, USD}` → `$350.00`. */
export function formatMoney(money: Money | null | undefined): string {
  if (!money || !Number.isFinite(money.amount)) return '';
  const digits = currencyDigits(money.currency);
  const major = money.amount / 10 ** digits;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

/** Minor units as the decimal string a form field shows: 35000 → "350.00". */
export function minorToDecimalString(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const negative = amount < 0;
  const abs = Math.abs(Math.trunc(amount)).toString();
  if (digits === 0) return (negative ? '-' : '') + abs;
  const padded = abs.padStart(digits + 1, '0');
  const whole = padded.slice(0, padded.length - digits);
  const frac = padded.slice(padded.length - digits);
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

export type ParseMoneyResult = { ok: true; amount: number } | { ok: false; error: string };

/**
 * Parses what a person typed ("350", "350.5", "1,200.00", "$99") into minor units
 * with string arithmetic only, so 0.1 + 0.2 style float errors can never creep in.
 */
export function parseDecimalToMinor(input: string, currency: string): ParseMoneyResult {
  const digits = currencyDigits(currency);
  const cleaned = input.trim().replace(/[\s,$€£]/g, '');
  if (cleaned === '') return { ok: false, error: 'Enter an amount' };
  const match = /^(-)?(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    return { ok: false, error: 'Enter an amount like 350 or 350.00' };
  }
  const [, minus, whole = '', frac = ''] = match;
  if (frac.length > digits) {
    return {
      ok: false,
      error: digits === 0 ? 'This currency has no decimal places' : `Use at most ${digits} decimal places`,
    };
  }
  const minorString = (whole || '0') + frac.padEnd(digits, '0');
  const amount = Number.parseInt(minorString, 10);
  if (!Number.isSafeInteger(amount)) return { ok: false, error: 'That amount is too large' };
  return { ok: true, amount: minus ? -amount : amount };
}

/** Convenience for callers that already validated: throws on bad input. */
export function toMinorUnits(input: string, currency: string): number {
  const r = parseDecimalToMinor(input, currency);
  if (!r.ok) throw new Error(r.error);
  return r.amount;
}
