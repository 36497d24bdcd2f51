import { zodResolver } from '@hookform/resolvers/zod';
import { get, useFormContext, type FieldError, type FieldErrors as RhfErrors, type FieldValues, type Resolver, type UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import type { FieldErrors } from '../api/problem';

/**
 * Forms are react-hook-form forms validated by zod schemas. Their errors are kept under the API's field paths
 * (`name`, `address.city`, `openingHours[0].open`), the keys a problem+json answer uses, so a schema's issue and
 * a server's field error land on the same input. A form field's own path is the API path with `.0.` for `[0]`.
 */

/** `closures[0].date` → `closures.0.date`, the path react-hook-form binds a value to. */
export function formPath(apiPath: string): string {
  return apiPath.replace(/\[(\d+)\]/g, '.$1');
}

/** The messages stored for an API path (and nothing for a path that only has errors below it). */
export function messagesAt(errors: RhfErrors | undefined, apiPath: string): string[] {
  const node = errors ? (get(errors, apiPath) as FieldError | undefined) : undefined;
  return typeof node?.message === 'string' && node.message ? [node.message] : [];
}

const META = new Set(['message', 'type', 'ref', 'types', 'root']);

/** Every error of the form, keyed by API path, in the order they were found. */
export function flattenErrors(errors: RhfErrors | undefined): FieldErrors {
  const out: FieldErrors = {};
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const isError = typeof n.message === 'string';
    if (isError && n.message) out[path] = [n.message as string];
    for (const [key, child] of Object.entries(n)) {
      if (isError && META.has(key)) continue;
      const next = Array.isArray(node) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      walk(child, next);
    }
  };
  walk(errors, '');
  return out;
}

/** A server's field errors (problem+json `errors`) put next to their inputs. */
export function setServerErrors<F extends FieldValues>(setError: UseFormSetError<F>, errors: FieldErrors) {
  for (const [path, messages] of Object.entries(errors)) {
    setError(path as Parameters<UseFormSetError<F>>[0], { type: 'server', message: messages.join(' ') });
  }
}

/** A zod issue's path as an API path: `['closures', 0, 'date']` → `closures[0].date`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** What a schema finds wrong with the values, keyed by API path (several messages for one path in order). */
export function fieldErrorsOf(schema: z.ZodType, values: unknown): FieldErrors {
  const result = schema.safeParse(values);
  const out: FieldErrors = {};
  if (result.success) return out;
  for (const issue of result.error.issues) (out[issuePath(issue.path)] ??= []).push(issue.message);
  return out;
}

/** The resolver of every form: the schema checks the values as typed (it does not change them). */
export function schemaResolver<F extends FieldValues>(schema: z.ZodType<F>): Resolver<F> {
  return zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<F>;
}

/** The value a field shows: the one given, else (inside a form) the form's value at its API path. */
export function useCurrentValue(apiPath: string, value: string | undefined): string {
  const form = useFormContext();
  if (value !== undefined || !form) return value ?? '';
  return String(form.getValues(formPath(apiPath)) ?? '');
}
