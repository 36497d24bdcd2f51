import { z } from 'zod';
import type { FieldErrors } from '../api/problem';
import { fieldErrorsOf } from '../ui/form';

/** A card as typed into the test-payments form: spaces and dashes in the number, MM/YY, 3 or 4 digits. */
export const cardSchema = z.object({
  cardNumber: z.string().superRefine((value, ctx) => {
    const digits = value.replace(/[\s-]/g, '');
    if (!digits) ctx.addIssue({ code: 'custom', message: 'Enter the card number.' });
    else if (!/^\d{12,19}$/.test(digits)) ctx.addIssue({ code: 'custom', message: 'Enter a card number of 12 to 19 digits.' });
  }),
  expiry: z.string().superRefine((value, ctx) => {
    const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value.trim());
    if (!value.trim()) ctx.addIssue({ code: 'custom', message: 'Enter the expiry date as MM/YY.' });
    else if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) ctx.addIssue({ code: 'custom', message: 'Enter the expiry date as MM/YY, like 04/29.' });
  }),
  cvc: z.string().superRefine((value, ctx) => {
    if (!value.trim()) ctx.addIssue({ code: 'custom', message: 'Enter the CVC.' });
    else if (!/^\d{3,4}$/.test(value.trim())) ctx.addIssue({ code: 'custom', message: 'Enter the 3 or 4 digits of the CVC.' });
  }),
});

export type Card = z.infer<typeof cardSchema>;

/** Stripe's `param` for a card error, as the form's field. */
export const FIELD_OF_PARAM: Record<string, keyof Card> = {
  number: 'cardNumber',
  exp_month: 'expiry',
  exp_year: 'expiry',
  cvc: 'cvc',
};

export function validateCard(card: Card): FieldErrors {
  return fieldErrorsOf(cardSchema, card);
}
