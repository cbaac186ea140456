import { findPostingSubjects, hasStockFloor } from '../catalog/index.js';
import type { LocationFacts } from '../catalog/index.js';
import { DomainError, validationFailed } from '../errors/index.js';
import { MAX_UNITS } from '../input/index.js';
import { recordEvent } from '../events/index.js';
import { newId } from '../store/index.js';
import type { Db, StoreCapabilities } from '../store/index.js';
import { balanceKey } from './balance.js';
import { applyBalanceChanges } from './balance.repository.js';
import type { BalanceChange } from './balance.repository.js';
import { checkHeldStock, checkQuarantinesCovered } from './held-stock.js';
import type { HeldStockAccess } from './held-stock.js';
import { describeEnds, joinsAllowedEnds, MOVEMENT_RULES } from './movement.js';
import type { Movement, Posting } from './ledger.schemas.js';
import type { DocumentLink, MovementKind } from './movement.js';
import { insertMovements } from './movement.repository.js';
import { checkPastFloors } from './past-floor.js';
import { checkPeriodOpen, LOCK_DATE_SETTING } from './period-lock.js';

/** A movement to post, before it has an id. */
export interface MovementDraft {
  sku: string;
  from: string;
  to: string;
  quantity: number;
  kind: MovementKind;
  reason?: string | null | undefined;
  reference?: string | null | undefined;
}

/** A change of `reserved` posted with the movements, by a reservation being taken, released or committed. */
export interface ReservedChange {
  sku: string;
  locationId: string;
  quantity: number;
}

export interface PostingRequest {
  movements: readonly MovementDraft[];
  actor: string;
  occurredAt: string;
  reservedChanges?: readonly ReservedChange[];
  /**
   * The document-held locations (a transfer's `transit:<id>`, a location's `quarantine:<id>`) this
   * posting moves stock of, as their document's procedure. Any other posting that touches one is
   * refused with `held_by_document`.
   */
  procedureOf?: readonly string[];
  /** The document whose procedure this posting is: each movement names it, findable by it. */
  document?: DocumentLink;
}

/** Movements may be dated a little ahead of the server's clock (clock skew), not more. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Checks and posts movements, with the balance changes they imply, inside the caller's transaction:
 * all of them or (by throwing) none. Every SKU and location must exist, each movement must join the
 * kinds of location its kind allows, its date must be after the lock date, stock a document holds
 * moves only by that document's procedure (`procedureOf`), and no location with a stock floor may
 * end below it — today, or at any time since the posting's date.
 */
export async function postMovements(
  trx: Db,
  capabilities: StoreCapabilities,
  request: PostingRequest,
): Promise<Posting> {
  const occurredAt = checkOccurredAt(request.occurredAt);
  const postingId = newId();
  const recordedAt = new Date().toISOString();
  const movements: Movement[] = request.movements.map((draft, line) => ({
    id: newId(),
    postingId,
    line,
    sku: draft.sku,
    fromLocationId: draft.from,
    toLocationId: draft.to,
    quantity: draft.quantity,
    kind: draft.kind,
    reason: draft.reason ?? null,
    reference: draft.reference ?? null,
    documentType: request.document?.type ?? null,
    documentId: request.document?.id ?? null,
    actor: request.actor,
    occurredAt,
    recordedAt,
  }));
  await write(trx, capabilities, movements, request.reservedChanges ?? [], {
    procedureOf: request.procedureOf ?? [],
  });
  return { postingId, movements };
}

/**
 * Checks and writes movements that already have their ids, postings and times (an import keeps
 * those of its file), with the balance changes they imply, inside the caller's transaction. Postings
 * are all or nothing together: the stock floor applies to the net change of the whole batch, today
 * and at every time since its earliest movement. Being history, they may write transits and
 * quarantines, but never break a document (see `HeldStockAccess`), and never into a locked period.
 */
export async function writeMovements(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
  reservedChanges: readonly ReservedChange[] = [],
): Promise<void> {
  await write(trx, capabilities, movements, reservedChanges, 'history');
}

async function write(
  trx: Db,
  capabilities: StoreCapabilities,
  movements: readonly Movement[],
  reservedChanges: readonly ReservedChange[],
  access: HeldStockAccess,
): Promise<void> {
  if (movements.length === 0 && reservedChanges.length === 0) return;
  const locationIds = [
    ...movements.flatMap((m) => [m.fromLocationId, m.toLocationId]),
    ...reservedChanges.map((r) => r.locationId),
  ];
  const skus = [...movements.map((m) => m.sku), ...reservedChanges.map((r) => r.sku)];
  const { locations, settings } = await lookUpSubjects(trx, capabilities, locationIds, skus, [LOCK_DATE_SETTING]);
  const located = (id: string): LocationFacts => locations.get(id)!;
  for (const m of movements) {
    checkMovement(m, located(m.fromLocationId), located(m.toLocationId));
    checkOccurredAt(m.occurredAt);
  }
  checkPeriodOpen(
    settings.get(LOCK_DATE_SETTING),
    movements.map((m) => m.occurredAt),
  );
  await checkHeldStock(trx, capabilities, movements, locations, access);

  const changes = new Map<string, Omit<BalanceChange, 'guarded'>>();
  const change = (sku: string, locationId: string, onHand: number, reserved: number, at?: string) => {
    const key = balanceKey(sku, locationId);
    const current = changes.get(key) ?? { sku, locationId, onHand: 0, reserved: 0 };
    const latestAt =
      at !== undefined && (current.latestAt === undefined || at > current.latestAt) ? at : current.latestAt;
    changes.set(key, {
      ...current,
      onHand: current.onHand + onHand,
      reserved: current.reserved + reserved,
      latestAt,
    });
  };
  for (const m of movements) {
    const at = new Date(m.occurredAt).toISOString();
    change(m.sku, m.fromLocationId, -m.quantity, 0, at);
    change(m.sku, m.toLocationId, m.quantity, 0, at);
  }
  for (const r of reservedChanges) change(r.sku, r.locationId, 0, r.quantity);

  // Each line is bounded, but 10,000 lines of one SKU at one location could sum past what a number holds
  // exactly (2^53): a unit would be lost in the sum. One write moves at most MAX_UNITS of a SKU at a place.
  const excessive = [...changes.values()].find((c) => Math.abs(c.onHand) > MAX_UNITS);
  if (excessive)
    throw validationFailed([
      {
        path: 'lines',
        message: `together the lines move ${Math.abs(excessive.onHand) > Number.MAX_SAFE_INTEGER ? 'more than 2^53' : Math.abs(excessive.onHand)} units of '${excessive.sku}' at '${excessive.locationId}'; one posting moves at most ${MAX_UNITS} of a SKU at a location`,
      },
    ]);
  const guarded = [...changes.values()].map((c) => ({
    ...c,
    // Promises never exceed stock, anywhere; and a location with a floor never goes below it.
    guarded: c.onHand - c.reserved < 0 && (c.reserved > 0 || hasStockFloor(located(c.locationId))),
  }));
  const latest = await applyBalanceChanges(trx, capabilities, guarded, new Date().toISOString());
  await insertMovements(trx, capabilities, movements);
  await checkPastFloors(trx, capabilities, movements, locations, latest);
  if (access === 'history') await checkQuarantinesCovered(trx, capabilities, movements);

  const postings = new Map<string, Movement[]>();
  for (const m of movements) postings.set(m.postingId, [...(postings.get(m.postingId) ?? []), m]);
  for (const [postingId, posted] of postings) {
    await recordEvent(trx, capabilities, {
      type: 'movements.posted',
      locations: posted.flatMap((m) => [m.fromLocationId, m.toLocationId]),
      skus: posted.map((m) => m.sku),
      data: postedEventData(postingId, posted),
    });
  }
}

/**
 * The facts of every location in `locationIds`, after checking that they and every SKU in `skus`
 * exist: throws `unknown_sku` or `unknown_location` naming all that do not.
 */
export async function requireSubjects(
  trx: Db,
  capabilities: StoreCapabilities,
  locationIds: readonly string[],
  skus: readonly string[],
): Promise<Map<string, LocationFacts>> {
  return (await lookUpSubjects(trx, capabilities, locationIds, skus)).locations;
}

/** `requireSubjects`, and the lock date, in one round trip: every posting needs both. */
async function lookUpSubjects(
  trx: Db,
  capabilities: StoreCapabilities,
  locationIds: readonly string[],
  skus: readonly string[],
  settingKeys: readonly string[] = [],
): Promise<{ locations: Map<string, LocationFacts>; settings: Map<string, string | null> }> {
  const {
    locations,
    skus: knownSkus,
    settings,
  } = await findPostingSubjects(trx, capabilities, locationIds, skus, settingKeys);
  const unknownSkus = [...new Set(skus.filter((sku) => !knownSkus.has(sku)))];
  if (unknownSkus.length > 0) {
    throw new DomainError('unknown_sku', `Unknown SKU: ${unknownSkus.map((s) => `'${s}'`).join(', ')}`, {
      skus: unknownSkus,
    });
  }
  const unknownLocations = [...new Set(locationIds.filter((id) => !locations.has(id)))];
  if (unknownLocations.length > 0) {
    throw new DomainError('unknown_location', `Unknown location: ${unknownLocations.map((l) => `'${l}'`).join(', ')}`, {
      locations: unknownLocations,
    });
  }
  return { locations, settings };
}

function checkMovement(movement: Movement, from: LocationFacts, to: LocationFacts): void {
  const { line, sku, fromLocationId, toLocationId, kind } = movement;
  const where = { line, sku, from: fromLocationId, to: toLocationId, kind };
  if (fromLocationId === toLocationId) {
    throw new DomainError('invalid_movement', `Movement ${line}: from and to are both '${fromLocationId}'`, where);
  }
  if (!joinsAllowedEnds(kind, from.kind, to.kind)) {
    throw new DomainError(
      'invalid_movement',
      `Movement ${line}: a '${kind}' goes ${describeEnds(kind)}, not ${from.kind} → ${to.kind}`,
      where,
    );
  }
  if (MOVEMENT_RULES[kind].reasonRequired && !movement.reason) {
    throw new DomainError('validation_failed', `Movement ${line}: a '${kind}' needs a reason`, {
      ...where,
      issues: [{ path: `movements.${line}.reason`, message: 'give a reason' }],
    });
  }
  if (to.status === 'closed') {
    throw new DomainError(
      'location_unavailable',
      `Movement ${line}: location '${to.id}' is closed and takes no stock`,
      where,
    );
  }
}

function checkOccurredAt(occurredAt: string): string {
  const at = new Date(occurredAt);
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new DomainError('validation_failed', `occurredAt ${occurredAt} is in the future`, {
      issues: [{ path: 'occurredAt', message: 'must not be in the future' }],
    });
  }
  return at.toISOString();
}

/** Postings up to this many movements carry them in their event; larger ones only say where to read them. */
export const MOVEMENTS_IN_EVENT = 200;

/**
 * What a `movements.posted` event says. A large posting (an import, a day of till sales) would make a
 * huge event and fill the outbox with a second copy of the ledger: its event names the posting, and
 * readers page through `GET /movements?postingId=…`.
 */
function postedEventData(postingId: string, movements: Movement[]) {
  if (movements.length <= MOVEMENTS_IN_EVENT) return { postingId, count: movements.length, movements };
  return { postingId, count: movements.length, movementsOmitted: true };
}
