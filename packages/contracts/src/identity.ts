/**
 * Who is who: the four roles, the organisation a user acts for, and the
 * token claims that carry them (Cognito ID tokens on AWS, the local issuer's
 * tokens locally; the same names in both).
 */
import * as z from 'zod';
import { Slug } from './common';

export const ROLES = ['tourist', 'agency', 'hospital', 'operator'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** An agency or a hospital; its id is the agencyId or hospitalId. */
export const ORGANISATION_KINDS = ['agency', 'hospital'] as const;
export const OrganisationKind = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

export const OrganisationId = Slug.describe('organisation id: an agency id or a hospital id');

/** An organisation sells (agency) or treats (hospital) only once an operator has verified it. */
export const ORGANISATION_STATUSES = ['pending', 'verified', 'suspended'] as const;
export const OrganisationStatus = z.enum(ORGANISATION_STATUSES);
export type OrganisationStatus = z.infer<typeof OrganisationStatus>;

/** Claim names, as Cognito writes them into ID tokens. */
export const CLAIMS = {
  subject: 'sub',
  email: 'email',
  groups: 'cognito:groups',
  organisation: 'custom:org_id',
} as const;

/** The authenticated caller, as every handler sees it. */
export type Principal = {
  userId: string;
  email: string | undefined;
  roles: Role[];
  /** The agency or hospital the user acts for; absent for tourists and operators. */
  organisationId: string | undefined;
};
