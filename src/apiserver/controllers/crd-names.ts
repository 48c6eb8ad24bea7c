/**
 * The naming and establishing decisions of apiextensions' controllers
 * (`controller/status/naming_controller.go`, `controller/establish/establishing_controller.go`):
 * which requested names a CRD may have given the names other CRDs of its group already hold,
 * and its NamesAccepted and Established conditions.
 *
 * @module
 */
import { X509Certificate } from 'node:crypto';
import type { CrdCondition, CrdNames, CrdView } from '../crd/crd-view.js';
import { findCondition } from '../crd/crd-view.js';

type Condition = Omit<CrdCondition, 'lastTransitionTime'>;

/** The names accepted, and the NamesAccepted and Established conditions to record. */
export interface NamingDecision {
  readonly acceptedNames: CrdNames;
  readonly namesAccepted: Condition;
  readonly established: Condition;
}

function taken(requested: string, accepted: string, used: ReadonlySet<string>): string | undefined {
  if (requested === accepted || !used.has(requested)) return undefined;
  return `"${requested}" is already in use`;
}

/** Names held by the CRDs of a group (their accepted names, as the naming controller reads them). */
export function namesInUse(group: readonly CrdView[]): { resources: Set<string>; kinds: Set<string> } {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const crd of group) {
    const n = crd.acceptedNames;
    for (const r of [n.plural, n.singular, ...n.shortNames]) resources.add(r);
    for (const k of [n.kind, n.listKind]) kinds.add(k);
  }
  return { resources, kinds };
}

function shortNamesConflict(requested: CrdNames, accepted: CrdNames, resources: ReadonlySet<string>): string | undefined {
  const existing = new Set(accepted.shortNames);
  const problems = requested.shortNames.filter((s) => !existing.has(s)).map((s) => taken(s, '', resources)).filter((p): p is string => p !== undefined);
  if (problems.length === 0) return undefined;
  return problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
}

/** A valid caBundle holds at least one PEM certificate (webhook.ValidateCABundle). */
export function caBundleValid(caBundle: string | undefined): boolean {
  if (!caBundle) return true;
  const pem = Buffer.from(caBundle, 'base64').toString('utf8');
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return false;
  try {
    for (const block of blocks) new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
}

/** calculateNamesAndConditions plus the establishing controller's decision, in one step. */
export function decideNames(crd: CrdView, inUse: { resources: ReadonlySet<string>; kinds: ReadonlySet<string> }): NamingDecision {
  const requested = crd.names;
  const accepted = crd.acceptedNames;
  const next = { ...accepted, shortNames: [...accepted.shortNames], categories: [...requested.categories] };
  let conflict: Condition | undefined;
  const check = (reason: string, problem: string | undefined, accept: () => void): void => {
    if (problem) conflict = { type: 'NamesAccepted', status: 'False', reason, message: problem };
    else accept();
  };
  check('PluralConflict', taken(requested.plural, accepted.plural, inUse.resources), () => (next.plural = requested.plural));
  check('SingularConflict', taken(requested.singular, accepted.singular, inUse.resources), () => (next.singular = requested.singular));
  if (JSON.stringify(requested.shortNames) !== JSON.stringify(accepted.shortNames)) {
    check('ShortNamesConflict', shortNamesConflict(requested, accepted, inUse.resources), () => (next.shortNames = [...requested.shortNames]));
  }
  check('KindConflict', taken(requested.kind, accepted.kind, inUse.kinds), () => (next.kind = requested.kind));
  check('ListKindConflict', taken(requested.listKind, accepted.listKind, inUse.kinds), () => (next.listKind = requested.listKind));
  const namesAccepted = conflict ?? { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' };
  return { acceptedNames: next, namesAccepted, established: establishedCondition(crd, namesAccepted.status === 'True') };
}

function establishedCondition(crd: CrdView, namesAccepted: boolean): Condition {
  const old = findCondition(crd, 'Established');
  if (old?.status === 'True') return old;
  if (!namesAccepted) return old ?? { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' };
  if (!caBundleValid(crd.conversion?.webhook?.clientConfig?.caBundle)) {
    return { type: 'Established', status: 'False', reason: 'InvalidCABundle', message: 'The conversion webhook CABundle is invalid' };
  }
  return { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' };
}
