import { z } from 'zod';
import { parseDecimalToMinor } from '../../api/money';

/** Limits mirrored from the server's validators. */
export const LIMITS = {
  name: 100,
  shortText: 100,
  phone: 30,
  addressLine: 200,
  postalCode: 20,
  description: 2000,
  reason: 200,
  email: 254,
  url: 2048,
  maxMinutes: 24 * 60,
} as const;

/** `openingHours[0].open` → `['openingHours', 0, 'open']`, a zod issue's path. */
function pathOf(apiPath: string): (string | number)[] {
  return apiPath
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/**
 * The rules the server's validators apply, as a form schema's refinement: each method adds a zod issue at an API
 * path (`address.city`, `closures[0].date`), worded as the server words it. A resource's schema is
 * `z.object({...}).superRefine((f, ctx) => { const v = new Rules(ctx); v.text('name', f.name, 'Name', ...) })`.
 */
export class Rules {
  constructor(private readonly ctx: z.RefinementCtx) {}

  add(path: string, message: string): this {
    this.ctx.addIssue({ code: 'custom', path: pathOf(path), message });
    return this;
  }

  required(path: string, value: string | undefined | null, label: string): boolean {
    if (!value || !value.trim()) {
      this.add(path, `${label} is required.`);
      return false;
    }
    return true;
  }

  maxLength(path: string, value: string | undefined | null, max: number, label: string): this {
    if (value && value.trim().length > max) this.add(path, `${label} must be at most ${max} characters.`);
    return this;
  }

  text(path: string, value: string | undefined | null, label: string, opts: { required?: boolean; max: number }): this {
    if (opts.required && !this.required(path, value, label)) return this;
    return this.maxLength(path, value, opts.max, label);
  }

  /** A whole number typed into a field: required, integer, within [min, max]. */
  integer(path: string, value: string, label: string, opts: { min?: number; max?: number } = {}): this {
    const min = opts.min ?? 0;
    if (!value.trim()) return this.add(path, `${label} is required.`);
    const n = Number(value);
    if (!Number.isInteger(n)) return this.add(path, `${label} must be a whole number.`);
    if (n < min) return this.add(path, min === 0 ? `${label} must be 0 or more.` : `${label} must be at least ${min}.`);
    if (opts.max !== undefined && n > opts.max) this.add(path, `${label} must be at most ${opts.max}.`);
    return this;
  }

  money(path: string, value: string, currency: string, label: string): this {
    const parsed = parseDecimalToMinor(value, currency);
    if (!parsed.ok) return this.add(path, `${label}: ${parsed.error.toLowerCase()}.`);
    if (parsed.amount < 0) this.add(path, `${label} must be 0 or more.`);
    return this;
  }

  email(path: string, value: string, label = 'Email'): this {
    if (!this.required(path, value, label)) return this;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) this.add(path, 'Enter a valid email address.');
    return this.maxLength(path, value, LIMITS.email, label);
  }

  time(path: string, value: string, label: string): this {
    if (!value) return this.add(path, `${label} is required.`);
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) this.add(path, `${label} must be a time like 09:00.`);
    return this;
  }

  /**
   * Opening or working hours: any two different times make a range. A close earlier than the open runs past midnight
   * into the next day (an evening clinic 18:00–01:00); 00:00 as the close means midnight. The API reads them the same way.
   */
  hoursRange(path: string, from: string, to: string, message: string): this {
    if (from && to && from === to) this.add(path, message);
    return this;
  }

  /** A dated stretch (time off, maintenance): start and end required, the end after the start, an optional reason. */
  period(path: string, p: { start: string; end: string; reason: string }): this {
    this.required(`${path}.start`, p.start, 'Start');
    this.required(`${path}.end`, p.end, 'End');
    if (p.start && p.end && new Date(p.end) <= new Date(p.start)) this.add(`${path}.end`, 'End must be after start.');
    return this.maxLength(`${path}.reason`, p.reason, LIMITS.reason, 'Reason');
  }
}

/** A dated stretch as typed: datetime-local values and a reason. */
export const periodShape = z.object({ start: z.string(), end: z.string(), reason: z.string() });

/** A form schema: the values' shape, then the server's rules over them (see Rules). */
export function formSchema<S extends z.ZodRawShape>(shape: S, rules: (f: z.infer<z.ZodObject<S>>, v: Rules) => void) {
  return z.object(shape).superRefine((f, ctx) => rules(f as z.infer<z.ZodObject<S>>, new Rules(ctx)));
}

export function intOrZero(value: string): number {
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** "a, b , ,c" → ["a","b","c"] */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function joinList(values: string[] | undefined): string {
  return (values ?? []).join(', ');
}

/** ISO instant → value of an <input type="datetime-local"> in the browser's zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Value of an <input type="datetime-local"> (browser's zone) → ISO instant in UTC. */
export function localInputToIso(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
