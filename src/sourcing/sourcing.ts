/** Where an order goes: a point on the map. */
export interface Destination {
  latitude: number;
  longitude: number;
}

export interface OrderLine {
  sku: string;
  quantity: number;
  /** Weight of one unit, kg. */
  weightKg: number;
}

/** A location that might ship the order, with what it has. */
export interface Candidate {
  locationId: string;
  kind: 'distribution_centre' | 'warehouse' | 'store';
  status: 'active' | 'disrupted' | 'closed';
  latitude: number | null;
  longitude: number | null;
  /** Whether it may ship orders to customers (DCs and warehouses do; stores only if set up for it). */
  shipsOnline: boolean;
  /** Available units (on hand less reserved) per SKU. */
  available: Readonly<Record<string, number>>;
  /** Units a store keeps for its own shelf, per SKU (its safety stock, or a configured floor). */
  protectedUnits?: Readonly<Record<string, number>>;
}

/** What a plan costs: per parcel, per kg·km, and for every parcel after the first. */
export interface CostModel {
  perShipment: number;
  perKgKm: number;
  perExtraParcel: number;
  /** At most this many parcels (locations) per order. */
  maxParcels: number;
  /** Whether stores keep their protected units. */
  storeProtection: boolean;
}

export const DEFAULT_COSTS: CostModel = {
  perShipment: 4.5,
  perKgKm: 0.002,
  perExtraParcel: 3,
  maxParcels: 3,
  storeProtection: true,
};

export interface SourcingRequest {
  lines: readonly OrderLine[];
  destination: Destination;
  candidates: readonly Candidate[];
  costs?: Partial<CostModel>;
}

export interface Shipment {
  locationId: string;
  distanceKm: number;
  weightKg: number;
  /** This parcel's cost: per shipment plus weight × distance (the split penalty is the plan's). */
  cost: number;
  lines: { sku: string; quantity: number }[];
}

export type ExclusionReason = 'disrupted' | 'closed' | 'no_online_shipping' | 'no_coordinates' | 'no_stock';

export interface SourcingPlan {
  shipments: Shipment[];
  /** Units no eligible location can ship. */
  short: { sku: string; quantity: number }[];
  /** Total cost: the parcels and the split penalty. */
  cost: number;
  /** Whether the plan is proven cheapest (the exact solver's, or a heuristic plan shown to be). */
  optimal: boolean;
  method: 'heuristic' | 'exact';
  /** Why locations were not used, for the explanation. */
  excluded: { locationId: string; reason: ExclusionReason }[];
  /** The other eligible locations: what they could cover, and their cost if they shipped it all alone. */
  alternatives: { locationId: string; distanceKm: number; covers: number; aloneCost: number | null }[];
}

/** Great-circle distance in km between two points (haversine, mean Earth radius). */
export function haversineKm(a: Destination, b: Destination): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
