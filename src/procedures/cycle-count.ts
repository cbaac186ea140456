/** A count's life: counting, then submitted — closed, or waiting for a planner to approve large variances. */
export const COUNT_STATUSES = ['open', 'pending_approval', 'closed', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];

/** A line's variance: posted to the ledger, held for approval, or not yet either. */
export const COUNT_LINE_STATES = ['pending', 'held', 'posted'] as const;
export type CountLineState = (typeof COUNT_LINE_STATES)[number];

export interface CountLine {
  sku: string;
  countedQuantity: number | null;
  countedAt: string | null;
  countedBy: string | null;
  /** What the system held when the line was counted; hidden while the count is open (counting is blind). */
  systemQuantity: number | null;
  variance: number | null;
  varianceValue: number | null;
  state: CountLineState;
}

export interface CountSession {
  id: string;
  locationId: string;
  status: CountStatus;
  scope: unknown;
  thresholdUnits: number;
  thresholdValue: number;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedBy: string | null;
  closedAt: string | null;
  lines: CountLine[];
}

/** How well a location's records match its shelves, over its finished counts. */
export interface CountAccuracy {
  locationId: string;
  sessions: number;
  linesCounted: number;
  /** Share of counted lines where the shelf matched the system exactly; null before any count. */
  accuracy: number | null;
  absoluteVarianceUnits: number;
  absoluteVarianceValue: number;
}
