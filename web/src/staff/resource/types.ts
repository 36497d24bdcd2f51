import type { ComponentType, ReactNode } from 'react';
import type { FieldErrors } from '../../api/problem';
import type { BaseItem, Draft } from '../../api/types';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface FieldsProps<F> {
  value: F;
  onChange: (next: F) => void;
  readOnly: boolean;
}

/**
 * Everything the generic list and form pages need to know about one resource.
 * `F` is the form's model (strings for numbers and money, as typed); `toDraft` turns it
 * into the API body and `validate` mirrors the server's rules, keyed by the API's field paths.
 */
export interface ResourceDef<T extends BaseItem, F> {
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
  validate: (form: F) => FieldErrors;
  Fields: ComponentType<FieldsProps<F>>;
}
