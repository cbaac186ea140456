export type { Balance } from './balance.js';
export { balanceKey } from './balance.js';
export * from './ledger.schemas.js';
export { createLedger } from './ledger.service.js';
export type { Ledger } from './ledger.service.js';
export { describeEnds, DOCUMENT_TYPES, joinsAllowedEnds, MOVEMENT_KINDS, MOVEMENT_RULES } from './movement.js';
export type { DocumentLink, DocumentType, MovementKind } from './movement.js';
export { RESERVATION_STATUSES } from './reservation.js';
export type { ReservationStatus } from './reservation.js';
export {
  createReservations,
  DEFAULT_RESERVATION_TTL_SECONDS,
  ReservationFilter,
  takeReservation,
} from './reservations.service.js';
export type { Reservations } from './reservations.service.js';
export { verifyLedger } from './verify.js';
export { MOVEMENTS_IN_EVENT, postMovements, requireSubjects, writeMovements } from './posting.js';
export type { MovementDraft } from './posting.js';
export { readBalances } from './balance.repository.js';
export type { VerificationReport } from './verify.js';
export type { DocumentDisagreement } from './verify-documents.js';
export {
  addToTotals,
  createStockViews,
  emptyStockRow,
  emptyTotals,
  LowStockQuery,
  StockPageQuery,
} from './stock.service.js';
export type { OnOrderQuantity, OnOrderSource, StockViews } from './stock.service.js';
export * from './stock.schemas.js';
export { openQuarantine, openTransit, transferReceipt } from './transit.js';
export { idempotent } from './idempotency.js';
export { LockPeriodBody, LockPeriodInput, PeriodLock, readPeriodLock } from './period-lock.js';
export { transferOrdersAmong } from './held-stock.js';
export { availableStock } from './available-stock.js';
export { activeReservationsAt, findReservations } from './reservation-reads.js';
export { announceReservation, claimReservation, commitReservation } from './reservation-transitions.js';
export { skusStockedAt, unitsSoldSince } from './location-activity.js';
export { stockOutDays } from './stock-out-days.js';
