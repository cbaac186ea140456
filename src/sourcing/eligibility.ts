import { haversineKm } from './sourcing.js';
import type { SourcingRequest } from './sourcing.js';
import type { CostModel, ExclusionReason } from './sourcing.schemas.js';

/** An eligible location as the planners see it: its distance and the units it may give per line. */
export interface Source {
  locationId: string;
  distanceKm: number;
  /** Usable units per line (indexed like the request's lines). */
  usable: number[];
}

export interface Eligibility {
  sources: Source[];
  excluded: { locationId: string; reason: ExclusionReason }[];
  /** Units per line that no source can give. */
  short: number[];
}

/**
 * Which candidates may ship: active, allowed to ship online, placed on the map, and with usable stock
 * (available less, at a store with protection on, its protected units) for at least one line.
 */
export function eligibleSources(request: SourcingRequest, costs: CostModel): Eligibility {
  const excluded: Eligibility['excluded'] = [];
  const sources: Source[] = [];
  for (const c of request.candidates) {
    const reason: ExclusionReason | null =
      c.status === 'closed'
        ? 'closed'
        : c.status === 'disrupted'
          ? 'disrupted'
          : !c.shipsOnline
            ? 'no_online_shipping'
            : c.latitude === null || c.longitude === null
              ? 'no_coordinates'
              : null;
    if (reason) {
      excluded.push({ locationId: c.locationId, reason });
      continue;
    }
    const usable = new Array<number>(request.lines.length);
    const protects = costs.storeProtection && c.kind === 'store';
    let any = false;
    for (let i = 0; i < request.lines.length; i++) {
      const line = request.lines[i]!;
      const kept = protects ? (c.protectedUnits?.[line.sku] ?? 0) : 0;
      const units = Math.max(0, Math.min(line.quantity, (c.available[line.sku] ?? 0) - kept));
      usable[i] = units;
      if (units > 0) any = true;
    }
    if (!any) {
      excluded.push({ locationId: c.locationId, reason: 'no_stock' });
      continue;
    }
    sources.push({
      locationId: c.locationId,
      distanceKm: haversineKm(request.destination, { latitude: c.latitude!, longitude: c.longitude! }),
      usable,
    });
  }
  const short = request.lines.map((line, i) =>
    Math.max(0, line.quantity - sources.reduce((sum, s) => sum + s.usable[i]!, 0)),
  );
  return { sources, excluded, short };
}
