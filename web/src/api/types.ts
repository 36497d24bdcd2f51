import type { Money } from './money';

export type Role = 'admin' | 'frontdesk' | 'practitioner' | 'patient';
export type StaffRole = Exclude<Role, 'patient'>;

export interface Me {
  userId: string;
  email: string;
  displayName: string;
  tenantId: string;
  role: Role;
  staffId?: string;
  patientId?: string;
}

export interface AuthConfig {
  authority: string;
  clientId: string;
  scopes: string;
  mode: 'local' | 'entra' | 'b2c';
}

/** Fields every stored resource has. */
export interface BaseItem {
  id: string;
  etag: string;
  deleted: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}

export const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Day = (typeof DAYS)[number];

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface OpeningHours {
  day: Day;
  open: string;
  close: string;
}

export interface Closure {
  date: string;
  reason: string;
}

export interface Location extends BaseItem {
  name: string;
  phone?: string;
  address: Address;
  timeZone: string;
  openingHours: OpeningHours[];
  closures: Closure[];
}

export interface Certification {
  name: string;
  expiresOn: string;
}

export interface PractitionerProfile {
  bio: string;
  photoUrl?: string;
  certifications: Certification[];
  tags: string[];
}

export interface WorkingHours {
  locationId: string;
  day: Day;
  start: string;
  end: string;
}

export interface TimeOff {
  start: string;
  end: string;
  reason: string;
}

export interface StaffMember extends BaseItem {
  firstName: string;
  lastName: string;
  email: string;
  role: StaffRole;
  practitioner?: PractitionerProfile;
  workingHours: WorkingHours[];
  timeOff: TimeOff[];
  workingExceptions?: WorkingException[];
}

/** A date whose hours differ from the weekly rule at one location; no times means a day off. */
export interface WorkingException {
  date: string;
  locationId: string;
  start?: string | null;
  end?: string | null;
}

export type DepositKind = 'none' | 'fixed' | 'percent';

export interface Deposit {
  kind: DepositKind;
  amount?: Money;
  percent?: number;
}

export interface Service extends BaseItem {
  name: string;
  category: string;
  description: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  price: Money;
  deposit: Deposit;
  roomType?: string;
  equipmentTypes: string[];
  requiredFormIds: string[];
  requiredConsentIds: string[];
  /** Certifications a practitioner must hold, unexpired on the day, to be booked for it. */
  requiredCertifications?: string[];
  onlineBookable: boolean;
  requiresConsultation: boolean;
  practitionerIds: string[];
}

export interface Room extends BaseItem {
  name: string;
  type: string;
  locationId: string;
  capacity: number;
}

export interface MaintenanceWindow {
  start: string;
  end: string;
  reason: string;
}

export interface Equipment extends BaseItem {
  name: string;
  type: string;
  locationId: string;
  maintenanceWindows: MaintenanceWindow[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { userId: string; email: string; role: string };
  action: string;
  resource: string;
  resourceId: string;
  outcome: string;
  status: number;
}

/** The body of a create or update: the item without server-owned fields. */
export type Draft<T extends BaseItem> = Omit<T, keyof BaseItem>;
