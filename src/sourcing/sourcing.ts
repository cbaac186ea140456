import type { LocationStatus, RealLocationKind } from '../catalog/index.js';
import type { CostModel } from './sourcing.schemas.js';

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
  kind: RealLocationKind;
  status: LocationStatus;
  latitude: number | null;
  longitude: number | null;
  /** Whether it may ship orders to customers (DCs and warehouses do; stores only if set up for it). */
  shipsOnline: boolean;
  /** Available units (on hand less reserved) per SKU. */
  available: Readonly<Record<string, number>>;
  /** Units a store keeps for its own shelf, per SKU (its safety stock, or a configured floor). */
  protectedUnits?: Readonly<Record<string, number>>;
}

export interface SourcingRequest {
  lines: readonly OrderLine[];
  destination: Destination;
  candidates: readonly Candidate[];
  costs?: Partial<CostModel>;
}

/** Great-circle distance in km between two points (haversine, mean Earth radius). */
export function haversineKm(a: Destination, b: Destination): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}
