/**
 * Verifying and suspending agencies and hospitals: which status changes are
 * allowed, what each records in the organisation's history, and the use case
 * that applies one against a store.
 */
import {
  type OrganisationDetail,
  type OrganisationKind,
  type OrganisationStatus,
  STATUS_HISTORY_MAX,
  type StatusChange,
} from '@shifa/contracts';
import { ConflictError, NotFoundError } from '../errors';

export type StatusAction = 'verify' | 'suspend';

const TARGET: Record<StatusAction, OrganisationStatus> = { verify: 'verified', suspend: 'suspended' };

/**
 * Where each status may go. Suspending a pending organisation rejects its
 * application; a suspended one may be verified again.
 */
const ALLOWED: Record<OrganisationStatus, readonly OrganisationStatus[]> = {
  pending: ['verified', 'suspended'],
  verified: ['suspended'],
  suspended: ['verified'],
};

export type Transition = { from: OrganisationStatus; to: OrganisationStatus; changed: boolean };

/**
 * The status an action leads to from `current`. Verifying a verified
 * organisation changes nothing (`changed: false`), so a repeated verify is
 * harmless; any other move the table does not allow is a conflict.
 */
export function transition(current: OrganisationStatus, action: StatusAction): Transition {
  const to = TARGET[action];
  if (action === 'verify' && current === 'verified') return { from: current, to, changed: false };
  if (!ALLOWED[current].includes(to)) {
    throw new ConflictError(
      'invalid_status_transition',
      `cannot ${action} an organisation whose status is ${current}`,
      [{ path: 'status', message: `the current status is ${current}` }],
    );
  }
  return { from: current, to, changed: true };
}

/** The history with `change` appended, keeping the latest `max` entries. */
export function appendHistory(
  history: readonly StatusChange[],
  change: StatusChange,
  max: number = STATUS_HISTORY_MAX,
): StatusChange[] {
  return [...history, change].slice(-max);
}

export type StatusChangeInput = {
  action: StatusAction;
  reason: string | undefined;
  /** When the change is made, ISO 8601 UTC. */
  at: string;
  /** The operator making it. */
  by: string;
};

/** The organisation after the action, or `undefined` when the action changes nothing. */
export function applyStatusChange(
  organisation: OrganisationDetail,
  input: StatusChangeInput,
): OrganisationDetail | undefined {
  const step = transition(organisation.status, input.action);
  if (!step.changed) return undefined;
  const reason = input.reason ?? null;
  return {
    ...organisation,
    status: step.to,
    statusReason: reason,
    statusChangedAt: input.at,
    history: appendHistory(organisation.history, {
      from: step.from,
      to: step.to,
      reason,
      at: input.at,
      by: input.by,
    }),
  };
}

export interface OrganisationStore {
  find(kind: OrganisationKind, organisationId: string): Promise<OrganisationDetail | undefined>;
  /**
   * Writes `after` over `before` and updates the platform's suspension list,
   * in one transaction; `false` if the organisation changed since `before` was read.
   */
  saveStatusChange(before: OrganisationDetail, after: OrganisationDetail): Promise<boolean>;
}

/** Verifies or suspends an organisation; returns it as it now is. */
export async function changeOrganisationStatus(
  store: OrganisationStore,
  kind: OrganisationKind,
  organisationId: string,
  input: StatusChangeInput,
): Promise<OrganisationDetail> {
  const notFound = () =>
    new NotFoundError('organisation_not_found', `no ${kind} has the id ${organisationId}`);
  const current = await store.find(kind, organisationId);
  if (current === undefined) throw notFound();
  const next = applyStatusChange(current, input);
  if (next === undefined) return current;
  if (await store.saveStatusChange(current, next)) return next;

  // Someone else changed it first. A verify that finds it verified has nothing left to do.
  const now = await store.find(kind, organisationId);
  if (now === undefined) throw notFound();
  if (input.action === 'verify' && now.status === 'verified') return now;
  throw new ConflictError(
    'status_changed',
    `the ${kind}'s status was changed by someone else meanwhile (it is now ${now.status}); read it again before changing it`,
    [{ path: 'status', message: `the current status is ${now.status}` }],
  );
}
