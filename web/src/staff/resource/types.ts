import type { ComponentType, ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import type { BaseItem, Draft } from '../../api/types';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

/** The inputs of a resource's form: they bind to the form's values (react-hook-form) by their names. */
export interface FieldsProps {
  readOnly: boolean;
}

/**
 * Everything the generic list and form pages need to know about one resource.
 * `F` is the form's model (strings for numbers and money, as typed); `toDraft` turns it
 * into the API body and `schema` mirrors the server's rules, its issues at the API's field paths.
 */
export interface ResourceDef<T extends BaseItem, F extends FieldValues> {
  /** Segment under /api: `services` → /api/services. */
  apiPath: string;
  /** Where the list lives in the app: `/staff/services`. */
  routePath: string;
  /** Plural, capitalised: page heading of the list. */
  title: string;
  /** Lower-case singular for sentences: "service". */
  singular: string;
  /** Accessible name of the create button: "New service". */
  newLabel: string;
  /** Empty state text: "No services yet". */
  emptyText: string;
  displayName: (item: T) => string;
  /** Columns after the Name column (which links to the item). */
  columns: Column<T>[];
  emptyForm: () => F;
  toForm: (item: T) => F;
  toDraft: (form: F) => Draft<T>;
  schema: z.ZodType<F>;
  Fields: ComponentType<FieldsProps>;
}
