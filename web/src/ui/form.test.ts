import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldErrorsOf, flattenErrors, formPath, issuePath } from './form';

describe('form paths', () => {
  it('binds an API path to the form value with dots for indexes, and reads a zod path back as an API path', () => {
    expect(formPath('closures[0].date')).toBe('closures.0.date');
    expect(formPath('practitioner.certifications[12].name')).toBe('practitioner.certifications.12.name');
    expect(formPath('address.city')).toBe('address.city');
    expect(issuePath(['openingHours', 0, 'open'])).toBe('openingHours[0].open');
    expect(issuePath(['name'])).toBe('name');
  });
});

describe('fieldErrorsOf', () => {
  const schema = z.object({ name: z.string(), rows: z.array(z.object({ date: z.string() })) }).superRefine((f, ctx) => {
    if (!f.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name is required.' });
    f.rows.forEach((r, i) => {
      if (!r.date) ctx.addIssue({ code: 'custom', path: ['rows', i, 'date'], message: 'Date is required.' });
    });
    if (!f.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'Second.' });
  });

  it('keys issues by API path, in the order found, several messages for one path kept', () => {
    expect(fieldErrorsOf(schema, { name: '', rows: [{ date: '2026-01-01' }, { date: '' }] })).toEqual({
      name: ['Name is required.', 'Second.'],
      'rows[1].date': ['Date is required.'],
    });
    expect(Object.keys(fieldErrorsOf(schema, { name: '', rows: [{ date: '' }] }))).toEqual(['name', 'rows[0].date']);
    expect(fieldErrorsOf(schema, { name: 'x', rows: [] })).toEqual({});
  });
});

describe('flattenErrors', () => {
  it('lists every message of react-hook-form’s nested errors under its API path', () => {
    const errors = {
      name: { type: 'validate', message: 'Name is required.' },
      // A field called "type" is a field, not an error's type.
      type: { type: 'validate', message: 'Type is required.' },
      price: { type: 'server', message: 'Price is wrong.', amount: { type: 'server', message: 'Too high.' } },
      closures: [undefined, { date: { type: 'validate', message: 'Enter a date.' } }],
    };
    expect(flattenErrors(errors as never)).toEqual({
      name: ['Name is required.'],
      type: ['Type is required.'],
      price: ['Price is wrong.'],
      'price.amount': ['Too high.'],
      'closures[1].date': ['Enter a date.'],
    });
    expect(flattenErrors({})).toEqual({});
  });
});
