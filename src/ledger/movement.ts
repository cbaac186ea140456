import type { LocationKind } from '../catalog/index.js';
import { REAL_LOCATION_KINDS } from '../catalog/index.js';

export const MOVEMENT_KINDS = [
  'receive',
  'sell',
  'ship',
  'return',
  'adjust',
  'scrap',
  'transfer_ship',
  'transfer_receive',
  'transfer_shortfall',
  'release',
  'return_to_vendor',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

type Kinds = readonly LocationKind[];

interface MovementRule {
  /** The (from, to) pairs of location kinds this kind of movement may join. */
  ends: readonly (readonly [from: Kinds, to: Kinds])[];
  reasonRequired: boolean;
}

const real = REAL_LOCATION_KINDS;

/**
 * Which kinds of location each kind of movement may leave and enter. A receipt comes from a supplier;
 * a sale leaves for a customer; a transfer passes through its transit location. Adjustments, scrap and
 * shortfalls change stock without a sale, so they must say why.
 */
export const MOVEMENT_RULES: Readonly<Record<MovementKind, MovementRule>> = {
  receive: { ends: [[['supplier'], real]], reasonRequired: false },
  sell: { ends: [[real, ['customer']]], reasonRequired: false },
  ship: { ends: [[real, ['customer']]], reasonRequired: false },
  return: { ends: [[['customer'], [...real, 'quarantine']]], reasonRequired: false },
  adjust: {
    ends: [
      [real, ['adjustment']],
      [['adjustment'], real],
    ],
    reasonRequired: true,
  },
  scrap: { ends: [[[...real, 'transit', 'quarantine'], ['scrap']]], reasonRequired: true },
  transfer_ship: { ends: [[real, ['transit']]], reasonRequired: false },
  transfer_receive: { ends: [[['transit'], real]], reasonRequired: false },
  transfer_shortfall: { ends: [[['transit'], ['adjustment']]], reasonRequired: true },
  // Inspected returns: back to available stock, or back to the supplier.
  release: { ends: [[['quarantine'], real]], reasonRequired: false },
  return_to_vendor: { ends: [[[...real, 'quarantine'], ['supplier']]], reasonRequired: true },
};

/** Whether a movement of `kind` may go from a location of kind `from` to one of kind `to`. */
export function joinsAllowedEnds(kind: MovementKind, from: LocationKind, to: LocationKind): boolean {
  return MOVEMENT_RULES[kind].ends.some(([froms, tos]) => froms.includes(from) && tos.includes(to));
}

/** The allowed ends of `kind`, for error messages: "supplier → distribution_centre|warehouse|store". */
export function describeEnds(kind: MovementKind): string {
  return MOVEMENT_RULES[kind].ends.map(([froms, tos]) => `${froms.join('|')} → ${tos.join('|')}`).join(' or ');
}

/** The documents whose procedures post movements: each movement they post names its document. */
export const DOCUMENT_TYPES = ['purchase_order', 'transfer_order', 'cycle_count', 'customer_return', 'order'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The document a posting was made by: a purchase order received, a transfer shipped, a count approved … */
export interface DocumentLink {
  type: DocumentType;
  id: string;
}
