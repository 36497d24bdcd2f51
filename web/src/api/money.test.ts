import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimalString, parseDecimalToMinor, toMinorUnits } from './money';

describe('money', () => {
  it('shows minor units as currency', () => {
    expect(formatMoney({ amount: 35000, currency: 'USD' })).toBe('$350.00');
    expect(formatMoney({ amount: 5, currency: 'USD' })).toBe('$0.05');
    expect(formatMoney({ amount: 123456789, currency: 'USD' })).toBe('$1,234,567.89');
    expect(formatMoney({ amount: 5000, currency: 'JPY' })).toBe('¥5,000');
  });

  it('turns typed decimals into integer minor units without float error', () => {
    expect(toMinorUnits('350', 'USD')).toBe(35000);
    expect(toMinorUnits('350.5', 'USD')).toBe(35050);
    expect(toMinorUnits('350.00', 'USD')).toBe(35000);
    expect(toMinorUnits('0.29', 'USD')).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(toMinorUnits('1,200.10', 'USD')).toBe(120010);
    expect(toMinorUnits('$99', 'USD')).toBe(9900);
    expect(toMinorUnits('.5', 'USD')).toBe(50);
    expect(toMinorUnits('5000', 'JPY')).toBe(5000);
  });

  it('rejects what is not an amount', () => {
    expect(parseDecimalToMinor('', 'USD').ok).toBe(false);
    expect(parseDecimalToMinor('abc', 'USD').ok).toBe(false);
    expect(parseDecimalToMinor('1.2.3', 'USD').ok).toBe(false);
    expect(parseDecimalToMinor('.', 'USD').ok).toBe(false);
    expect(parseDecimalToMinor('1.234', 'USD')).toEqual({ ok: false, error: 'Use at most 2 decimal places' });
    expect(parseDecimalToMinor('5.5', 'JPY').ok).toBe(false);
  });

  it('shows minor units in the form as a decimal string and round-trips', () => {
    expect(minorToDecimalString(35000, 'USD')).toBe('350.00');
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(0, 'USD')).toBe('0.00');
    expect(minorToDecimalString(-150, 'USD')).toBe('-1.50');
    expect(minorToDecimalString(5000, 'JPY')).toBe('5000');
    for (const n of [0, 1, 29, 99, 100, 35000, 123456789]) {
      expect(toMinorUnits(minorToDecimalString(n, 'USD'), 'USD')).toBe(n);
    }
  });
});
