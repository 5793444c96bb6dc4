import type { DisabilityType, HouseholdStatus, LaborCapacity, Relation, VillageKind } from './labels';
export type { Sex } from '../domain/id-number';
import type { Sex } from '../domain/id-number';

import type { Role } from '../domain/workflow';
export type { Role };

/** Who is acting: a logged-in account, or the local administrator for the CLI. Cadres are scoped to a village. */
export type Actor = { id: number | null; name: string; role: Role; villageId?: number | null };

export type Village = {
  id: number;
  name: string;
  code: string;
  kind: VillageKind;
  groups: string[];
  householdCount: number;
};

export type Person = {
  id: number;
  householdId: number;
  name: string;
  idNumber: string;
  sex: Sex;
  birthDate: string;
  relation: Relation;
  monthlyIncome: number;
  disabilityType: DisabilityType | null;
  disabilityLevel: number | null;
  seriousIllness: boolean;
  severeDisabilityNoSelfCare: boolean;
  mentalHospitalized: boolean;
  laborCapacity: LaborCapacity;
  threeNo: boolean;
  hiv: boolean;
  collegeStudent: boolean;
  priorityCare: boolean;
  note: string | null;
};

export type HouseholdSummary = {
  id: number;
  villageId: number;
  villageName: string;
  groupName: string | null;
  address: string;
  headName: string | null;
  size: number;
  status: HouseholdStatus;
};

export type Household = HouseholdSummary & {
  phone: string | null;
  note: string | null;
  headPersonId: number | null;
  members: Person[];
  createdAt: string;
  updatedAt: string;
};

export type SearchHit = {
  personId: number;
  name: string;
  idNumber: string;
  sex: Sex;
  birthDate: string;
  relation: Relation;
  householdId: number;
  villageName: string;
  groupName: string | null;
  headName: string | null;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  command: string;
  entityType: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
};

/** The audit log's hash chain as last walked (issue 11): intact, or the first broken row. */
export type AuditChainStatus = {
  ok: boolean;
  rows: number;
  head: { id: number; hash: string };
  /** The first break: the altered or inserted row, or the first missing id of a deletion. */
  broken: { id: number; kind: 'altered' | 'deleted' | 'inserted' | 'unhashed'; message: string } | null;
  checkedAt: string;
  /** How long the walk took, in milliseconds. */
  elapsedMs: number;
};

/** The office's signing key as shown in 本镇设置 (never the private key). */
export type OfficeKeyInfo = {
  algorithm: 'Ed25519';
  /** Hex SHA-256 of the raw public key, upper case. */
  fingerprint: string;
  /** The same in groups of four, as printed on the cover sheet. */
  fingerprintGrouped: string;
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
  createdAt: string;
};

/** Warnings a write wants the clerk to see (e.g. a converted 15-digit ID number). */
export type WithWarnings<T> = T & { warnings: string[] };
