import type { INSPECTION_OUTCOMES, RETURN_DISPOSITIONS, RETURN_REASONS } from './procedures.schemas.js';

export type ReturnReason = (typeof RETURN_REASONS)[number];
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** Inspecting while any quarantined line awaits its outcome; closed once every line is settled. */
export const RETURN_STATUSES = ['inspecting', 'closed'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export interface ReturnLine {
  sku: string;
  quantity: number;
  disposition: ReturnDisposition;
  supplierId: string | null;
  purchaseOrderId: string | null;
  /** For a quarantined line: what inspection decided; null until then. */
  outcome: InspectionOutcome | null;
  resolvedAt: string | null;
}

export interface CustomerReturn {
  id: string;
  locationId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  note: string | null;
  reference: string | null;
  createdBy: string;
  receivedAt: string;
  closedAt: string | null;
  lines: ReturnLine[];
}

/** Returned units per location, SKU and reason, by what became of them. */
export interface ReturnSummaryRow {
  locationId: string;
  sku: string;
  reason: ReturnReason;
  quantity: number;
  restocked: number;
  quarantined: number;
  scrapped: number;
  returnedToVendor: number;
}
