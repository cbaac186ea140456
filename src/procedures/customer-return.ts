/** Why a customer brought goods back: one reason for a whole return. */
export const RETURN_REASONS = ['damaged', 'defective', 'wrong_item', 'not_as_described', 'unwanted', 'other'] as const;
/** What becomes of returned units on intake. */
export const RETURN_DISPOSITIONS = ['restock', 'quarantine', 'scrap', 'return_to_vendor'] as const;
/** What inspection decides for a quarantined line. */
export const INSPECTION_OUTCOMES = ['restock', 'scrap', 'return_to_vendor'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export type ReturnDisposition = (typeof RETURN_DISPOSITIONS)[number];
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** Inspecting while any quarantined line awaits its outcome; closed once every line is settled. */
export const RETURN_STATUSES = ['inspecting', 'closed'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
