/**
 * Range planning: which SKUs each store should carry. A carried SKU whose margin does not pay for the
 * stock and the shelf it takes is suggested for delisting; a SKU that most of the store's similar
 * stores carry and sell, and that would pay here at the rate they suggest, is suggested as an add.
 *
 * Only active stores are ranged: a distribution centre carries what its stores carry, and a disrupted
 * store's forecast says little about what it sells in normal times. The rules are the planner's
 * arithmetic, one week at a time, so that every suggestion can be checked by hand from its `why`.
 */

export interface RangeLocation {
  id: string;
  kind: 'distribution_centre' | 'warehouse' | 'store';
  region: string;
  parentId: string | null;
  status: 'active' | 'disrupted' | 'closed';
}

export interface RangeProduct {
  sku: string;
  unitCost: number;
  price: number;
}

/** A SKU at a location: whether it is ranged there, its forecast daily mean (0 if none), units on hand. */
export interface RangePair {
  sku: string;
  locationId: string;
  carried: boolean;
  dailyMean: number;
  onHand: number;
}

export interface RangeInput {
  locations: readonly RangeLocation[];
  products: readonly RangeProduct[];
  /** A pair left out is a SKU not carried, with no forecast and no stock. */
  pairs: readonly RangePair[];
}

export interface RangeSettings {
  /** Holding cost a year as a share of unit cost. */
  holdingRate: number;
  /** What carrying one SKU at one store costs a week whatever it sells: its facing, counting, handling. */
  shelfCostPerWeek: number;
  /** A SKU's typical stock at a store, in days of its demand (half a lot plus safety stock, on average). */
  typicalCoverDays: number;
  /** Units a carried SKU keeps on the shelf however slowly it sells: what makes a slow mover cost. */
  minDisplayUnits: number;
  /** How many similar stores an add is judged on. */
  similarStores: number;
  /** Cosine similarity of sales mix a store needs to count as similar (0–1). */
  minSimilarity: number;
  /** SKUs two stores must both carry before their sales mix is compared. */
  minCommonSkus: number;
  /** Share of the similar stores that must carry and sell a SKU for it to be suggested (0–1]. */
  peerShare: number;
}

export const DEFAULT_RANGE_SETTINGS: RangeSettings = {
  holdingRate: 0.25,
  shelfCostPerWeek: 0.5,
  typicalCoverDays: 7,
  minDisplayUnits: 2,
  similarStores: 5,
  minSimilarity: 0.5,
  minCommonSkus: 3,
  peerShare: 0.6,
};

/** A week of a SKU at a store: what it sells, what it earns, and what carrying it costs. */
export interface RangeEconomics {
  dailyMean: number;
  weeklyUnits: number;
  /** weeklyUnits × (price − unit cost). */
  weeklyMargin: number;
  /** max(minDisplayUnits, typicalCoverDays × dailyMean). */
  typicalStock: number;
  /** typicalStock × unit cost × holdingRate × 7 / 365. */
  weeklyHolding: number;
  weeklyShelfCost: number;
  /** weeklyMargin − weeklyHolding − weeklyShelfCost. */
  weeklyNet: number;
}

/** The SKU's demand across the active stores of the store's region. */
export interface RegionalDemand {
  region: string;
  /** Daily mean summed over the region's active stores, this one included. */
  dailyMean: number;
  /** This store's share of it (0 where the region has none). */
  share: number;
  /** Other active stores in the region that carry it. */
  carriedElsewhere: number;
}

/** A similar store and what it says about a SKU this store does not carry. */
export interface PeerEvidence {
  locationId: string;
  region: string;
  /** Cosine similarity of the two stores' daily means over the SKUs both carry. */
  similarity: number;
  carried: boolean;
  dailyMean: number;
  /** This store's volume over the SKUs both carry, over the peer's: how much bigger or smaller it is. */
  scale: number;
}

export type RangeSuggestion =
  | {
      kind: 'add';
      locationId: string;
      sku: string;
      /** Weekly net the store gains by carrying it. */
      value: number;
      why: {
        /** At the rate the similar stores that sell it suggest, each scaled to this store's size. */
        economics: RangeEconomics;
        peers: PeerEvidence[];
        /** Share of `peers` that carry and sell it. */
        peerShare: number;
        regional: RegionalDemand;
      };
    }
  | {
      kind: 'delist';
      locationId: string;
      sku: string;
      /** Weekly net the store saves by no longer carrying it (−economics.weeklyNet). */
      value: number;
      why: {
        economics: RangeEconomics;
        /** The stock delisting frees: units on hand and their value at cost. */
        freed: { units: number; value: number };
        /** Demand lost with it, and how much of the region's that is. */
        regional: RegionalDemand;
      };
    };

const key = (sku: string, locationId: string) => `${sku}\u0000${locationId}`;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The range changes each active store should make.
 *
 * - **Delist** a carried SKU whose weekly margin does not pay the holding of its typical stock plus the
 *   shelf cost — unless no other active store in the region carries it and it sells here (above 0) at
 *   least as well as the store's median carried SKU: then the region would lose a product its shoppers
 *   buy, and its price or cost, not its place in the range, is what needs fixing.
 * - **Add** a SKU the store does not carry when at least `peerShare` of its similar stores carry and sell
 *   it and, at the mean of their rates scaled to this store's size, it would pay (net ≥ 0), so that an add
 *   is never something the next plan would delist. Similar stores are those whose sales mix over the SKUs
 *   both carry is closest (cosine of daily means, at least `minSimilarity`), the same region's first; a
 *   store with none (a new store, or one unlike any other) gets no adds.
 *
 * Suggestions come by location, adds before delists, then by value (largest first) and SKU.
 *
 * @example
 * const suggestions = planRange(input, { shelfCostPerWeek: 1 });
 * suggestions[0]; // { kind: 'add', locationId: 'store-007', sku: 'TEA-1', value: 19.3, why: { peers: [...], ... } }
 */
export function planRange(input: RangeInput, settings: Partial<RangeSettings> = {}): RangeSuggestion[] {
  const s: RangeSettings = { ...DEFAULT_RANGE_SETTINGS, ...settings };
  validateSettings(s);
  const products = new Map<string, RangeProduct>();
  for (const p of input.products) {
    if (products.has(p.sku)) throw new RangeError(`product ${p.sku} is listed twice`);
    if (!isAmount(p.unitCost) || !isAmount(p.price))
      throw new RangeError(`product ${p.sku}: unit cost and price must be numbers of 0 or more`);
    products.set(p.sku, p);
  }
  const locations = new Map<string, RangeLocation>();
  for (const l of input.locations) {
    if (locations.has(l.id)) throw new RangeError(`location ${l.id} is listed twice`);
    locations.set(l.id, l);
  }
  const pairs = new Map<string, RangePair>();
  for (const pair of input.pairs) {
    const at = `${pair.sku} at ${pair.locationId}`;
    if (!products.has(pair.sku)) throw new RangeError(`${at}: unknown product`);
    if (!locations.has(pair.locationId)) throw new RangeError(`${at}: unknown location`);
    if (pairs.has(key(pair.sku, pair.locationId))) throw new RangeError(`${at}: listed twice`);
    if (!isAmount(pair.dailyMean) || !isAmount(pair.onHand))
      throw new RangeError(`${at}: daily mean and on hand must be numbers of 0 or more`);
    pairs.set(key(pair.sku, pair.locationId), pair);
  }

  // Everything below reads stores and SKUs in sorted order, so sums (and so the output) do not depend
  // on the order of the input.
  const stores = [...locations.values()]
    .filter((l) => l.kind === 'store' && l.status === 'active')
    .sort((a, b) => byText(a.id, b.id));
  const skus = [...products.keys()].sort(byText);
  /** Each store's carried SKUs and their daily means, in SKU order. */
  const carried = new Map<string, Map<string, number>>();
  const regional = new Map<string, { dailyMean: number; carriers: number }>();
  for (const store of stores) {
    const mix = new Map<string, number>();
    for (const sku of skus) {
      const pair = pairs.get(key(sku, store.id));
      if (!pair) continue;
      const region = regional.get(key(sku, store.region)) ?? { dailyMean: 0, carriers: 0 };
      region.dailyMean += pair.dailyMean;
      if (pair.carried) {
        mix.set(sku, pair.dailyMean);
        region.carriers += 1;
      }
      regional.set(key(sku, store.region), region);
    }
    carried.set(store.id, mix);
  }
  const regionalOf = (sku: string, store: RangeLocation, here: number, carriedHere: boolean): RegionalDemand => {
    const region = regional.get(key(sku, store.region)) ?? { dailyMean: 0, carriers: 0 };
    return {
      region: store.region,
      dailyMean: region.dailyMean,
      share: region.dailyMean > 0 ? here / region.dailyMean : 0,
      carriedElsewhere: region.carriers - (carriedHere ? 1 : 0),
    };
  };
  const economicsOf = (product: RangeProduct, dailyMean: number): RangeEconomics => {
    const weeklyUnits = 7 * dailyMean;
    const weeklyMargin = weeklyUnits * (product.price - product.unitCost);
    const typicalStock = Math.max(s.minDisplayUnits, s.typicalCoverDays * dailyMean);
    const weeklyHolding = (typicalStock * product.unitCost * s.holdingRate * 7) / 365;
    return {
      dailyMean,
      weeklyUnits,
      weeklyMargin,
      typicalStock,
      weeklyHolding,
      weeklyShelfCost: s.shelfCostPerWeek,
      weeklyNet: weeklyMargin - weeklyHolding - s.shelfCostPerWeek,
    };
  };

  const suggestions: RangeSuggestion[] = [];
  for (const store of stores) {
    const mix = carried.get(store.id)!;
    const median = medianOf([...mix.values()]);
    for (const [sku, dailyMean] of mix) {
      const product = products.get(sku)!;
      const economics = economicsOf(product, dailyMean);
      if (economics.weeklyNet >= 0) continue;
      const region = regionalOf(sku, store, dailyMean, true);
      if (region.carriedElsewhere === 0 && dailyMean > 0 && dailyMean >= median) continue;
      const onHand = pairs.get(key(sku, store.id))!.onHand;
      suggestions.push({
        kind: 'delist',
        locationId: store.id,
        sku,
        value: -economics.weeklyNet,
        why: { economics, freed: { units: onHand, value: onHand * product.unitCost }, regional: region },
      });
    }

    const peers = similarStores(store, stores, carried, s);
    if (peers.length === 0) continue;
    const candidates = new Set<string>();
    for (const peer of peers)
      for (const [sku, rate] of carried.get(peer.store.id)!) if (rate > 0 && !mix.has(sku)) candidates.add(sku);
    for (const sku of [...candidates].sort(byText)) {
      const evidence: PeerEvidence[] = peers.map((peer) => {
        const rate = carried.get(peer.store.id)!.get(sku);
        return {
          locationId: peer.store.id,
          region: peer.store.region,
          similarity: peer.similarity,
          carried: rate !== undefined,
          dailyMean: rate ?? 0,
          scale: peer.scale,
        };
      });
      const sellers = evidence.filter((e) => e.carried && e.dailyMean > 0);
      const share = sellers.length / evidence.length;
      if (share < s.peerShare) continue;
      const expected = sellers.reduce((sum, e) => sum + e.dailyMean * e.scale, 0) / sellers.length;
      const economics = economicsOf(products.get(sku)!, expected);
      if (!(economics.weeklyNet >= 0)) continue;
      const here = pairs.get(key(sku, store.id))?.dailyMean ?? 0;
      suggestions.push({
        kind: 'add',
        locationId: store.id,
        sku,
        value: economics.weeklyNet,
        why: { economics, peers: evidence, peerShare: share, regional: regionalOf(sku, store, here, false) },
      });
    }
  }
  return suggestions.sort(
    (a, b) => byText(a.locationId, b.locationId) || byText(a.kind, b.kind) || b.value - a.value || byText(a.sku, b.sku),
  );
}

/**
 * A store's similar stores: the active stores that carry at least `minCommonSkus` of its SKUs and whose
 * daily means over those SKUs point the same way (cosine ≥ `minSimilarity`), the same region's first,
 * then the most similar, up to `similarStores`. Each has its scale: this store's volume over those SKUs
 * over the peer's, which turns the peer's rate of a SKU into what it would sell here.
 */
function similarStores(
  store: RangeLocation,
  stores: readonly RangeLocation[],
  carried: ReadonlyMap<string, ReadonlyMap<string, number>>,
  s: RangeSettings,
): { store: RangeLocation; similarity: number; scale: number }[] {
  const mix = carried.get(store.id)!;
  const found: { store: RangeLocation; similarity: number; scale: number }[] = [];
  for (const other of stores) {
    if (other.id === store.id) continue;
    const theirs = carried.get(other.id)!;
    let common = 0;
    let dot = 0;
    let ours2 = 0;
    let theirs2 = 0;
    let ourVolume = 0;
    let theirVolume = 0;
    for (const [sku, a] of mix) {
      const b = theirs.get(sku);
      if (b === undefined) continue;
      common += 1;
      dot += a * b;
      ours2 += a * a;
      theirs2 += b * b;
      ourVolume += a;
      theirVolume += b;
    }
    if (common < s.minCommonSkus || ours2 === 0 || theirs2 === 0) continue;
    // Rounding can put a mix identical to this one a hair above 1.
    const similarity = Math.min(1, dot / Math.sqrt(ours2 * theirs2));
    if (similarity < s.minSimilarity) continue;
    found.push({ store: other, similarity, scale: ourVolume / theirVolume });
  }
  const home = (l: RangeLocation) => (l.region === store.region ? 0 : 1);
  return found
    .sort((a, b) => home(a.store) - home(b.store) || b.similarity - a.similarity || byText(a.store.id, b.store.id))
    .slice(0, s.similarStores);
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isAmount = (x: number) => Number.isFinite(x) && x >= 0;

function validateSettings(s: RangeSettings): void {
  for (const name of ['holdingRate', 'shelfCostPerWeek', 'typicalCoverDays', 'minDisplayUnits'] as const)
    if (!isAmount(s[name])) throw new RangeError(`${name} must be a number of 0 or more; got ${s[name]}`);
  for (const name of ['similarStores', 'minCommonSkus'] as const)
    if (!Number.isInteger(s[name]) || s[name] < 1)
      throw new RangeError(`${name} must be a whole number of 1 or more; got ${s[name]}`);
  if (!(s.minSimilarity >= 0 && s.minSimilarity <= 1))
    throw new RangeError(`minSimilarity must be between 0 and 1; got ${s.minSimilarity}`);
  if (!(s.peerShare > 0 && s.peerShare <= 1))
    throw new RangeError(`peerShare must be above 0 and at most 1; got ${s.peerShare}`);
}
