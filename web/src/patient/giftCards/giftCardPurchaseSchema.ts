import { z } from 'zod';
import { parseDecimalToMinor } from '../../api/money';

export const SMALLEST_GIFT = 1_000;
export const LARGEST_GIFT = 200_000;

/** The buyer's wall clock now, as "YYYY-MM-DDTHH:mm" (what a date and a time input together read). */
export function localNow(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** The gift as the buyer fills it in; checked here the way the API checks it, so most mistakes never leave the page. */
export function giftCardPurchaseSchema(currency: string, now = new Date()) {
  return z
    .object({
      amount: z.string(),
      recipientName: z.string().trim().min(1, 'Who is it for?').max(100, 'Up to 100 characters.'),
      recipientEmail: z.string().trim().min(1, 'The email address to send it to.').email('An email address, like name@example.com.'),
      message: z.string().max(500, 'Up to 500 characters.'),
      when: z.enum(['now', 'later']),
      date: z.string(),
      time: z.string(),
    })
    .superRefine((v, ctx) => {
      const parsed = parseDecimalToMinor(v.amount, currency);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error });
      else if (parsed.amount < SMALLEST_GIFT || parsed.amount > LARGEST_GIFT) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'From 10.00 to 2,000.00.' });
      if (v.when === 'later') {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Choose the day to send it.' });
        else if (!/^\d{2}:\d{2}$/.test(v.time)) ctx.addIssue({ code: 'custom', path: ['time'], message: 'Choose the time to send it.' });
        else if (`${v.date}T${v.time}` < localNow(now)) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Choose a time from now on.' });
        else {
          const yearAhead = new Date(now);
          yearAhead.setFullYear(yearAhead.getFullYear() + 1);
          if (`${v.date}T${v.time}` > localNow(yearAhead)) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Up to a year ahead.' });
        }
      }
    });
}

export type GiftCardPurchaseForm = z.infer<ReturnType<typeof giftCardPurchaseSchema>>;
