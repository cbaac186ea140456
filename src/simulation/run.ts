/**
 * One policy played over one scenario, a day at a time, on typed arrays per location × SKU. A day:
 *
 * 1. Arrivals: purchase orders reach their DCs, transfers their stores (a store's arrival closes a
 *    replenishment cycle).
 * 2. Demand at stores and online DCs, served from on hand: waiting backorders first, then today's
 *    customers; what is left unmet is lost or backordered.
 * 3. The policy's `refresh` may install new levels.
 * 4. Reviews, for the locations whose review day it is: each store orders S − position (rounded) when
 *    its position is at or below s; each DC ships its stores' orders, rationing proportionally to the
 *    units ordered when short (whole store packs, largest remainder next, lower store index on ties);
 *    what it cannot ship is not kept, the store orders again at its next review. Then each reviewing
 *    DC orders from its suppliers.
 * 5. The policy's `rebalance` moves stock between stores.
 * 6. End-of-day accounting: inventory and stock-outs scored, and stock conserved (checked every day).
 */
import { checkConservation } from './conservation.js';
import { leadDays, seedKey, standardNormal, STREAM } from './draws.js';
import type { Layout } from './layout.js';
import type { LevelTable, Policy, Rebalance, SimulationState } from './policy.js';
import type { Scenario } from './scenario.js';
import { Tally } from './scores.js';

/** A run's inputs, checked and compiled by `simulate`. */
export interface RunSetup {
  readonly layout: Layout;
  readonly scenario: Scenario;
  readonly policy: Policy;
  readonly backorder: boolean;
  readonly warmUpDays: number;
  readonly reviewEvery: Int32Array;
  readonly reviewPhase: Int32Array;
  readonly multiple: ArrayLike<number>;
  readonly minimum: ArrayLike<number>;
  readonly historyDays: number;
  readonly opening: ArrayLike<number>;
  /** Checks a table the policy hands over before it is used. */
  readonly checkLevels: (levels: LevelTable, day: number) => void;
  readonly checkRebalance: (day: number, index: number, from: number, to: number, sku: number) => void;
}

export class Run implements SimulationState {
  day = 0;
  levels: LevelTable;
  readonly onHand: Float64Array;
  readonly inbound: Float64Array;
  readonly backorders: Float64Array;
  readonly tally = new Tally();
  private readonly setup: RunSetup;
  private readonly key: number;
  /** Units arriving per day of the ring (day modulo the layout's horizon) × cell. */
  private readonly arriving: Float64Array;
  /** Today's store orders per store cell, and their sum per DC cell. */
  private readonly requested: Float64Array;
  private readonly dcRequested: Float64Array;
  /** Per SKU, for the conservation check. */
  private readonly openingBySku: Float64Array;
  private readonly receivedBySku: Float64Array;
  private readonly soldBySku: Float64Array;
  private readonly inTransitBySku: Float64Array;
  private readonly onHandBySku: Float64Array;
  /** Whether a customer of the cell went short since its last arrival. */
  private readonly shortInCycle: Uint8Array;
  /**
   * Units demanded and sold from day 0 through each of the last `historyDays` + 1 days (day modulo
   * that) × demand point: a window's total is a difference, whatever its length.
   */
  private readonly demandedToDate: Float64Array;
  private readonly soldToDate: Float64Array;
  /** The day a store last got a transfer, and when that transfer arrives (one truck a day). */
  private readonly transferDay: Int32Array;
  private readonly transferArrival: Int32Array;
  private readonly orderDay: Int32Array;
  /** Scratch for rationing, per position in `dcStores`. */
  private readonly give: Float64Array;
  private readonly rest: Float64Array;
  private scoring = false;

  constructor(setup: RunSetup) {
    const { layout, policy, opening } = setup;
    const { cells, skus } = layout;
    this.setup = setup;
    this.key = seedKey(setup.scenario.seed);
    this.levels = policy.levels;
    this.onHand = Float64Array.from(opening);
    this.inbound = new Float64Array(cells);
    this.backorders = new Float64Array(cells);
    this.arriving = new Float64Array(layout.horizon * cells);
    this.requested = new Float64Array(cells);
    this.dcRequested = new Float64Array(cells);
    this.openingBySku = new Float64Array(skus);
    for (let cell = 0; cell < cells; cell++) this.openingBySku[cell % skus]! += this.onHand[cell]!;
    this.receivedBySku = new Float64Array(skus);
    this.soldBySku = new Float64Array(skus);
    this.inTransitBySku = new Float64Array(skus);
    this.onHandBySku = new Float64Array(skus);
    this.shortInCycle = new Uint8Array(cells);
    this.demandedToDate = new Float64Array((setup.historyDays + 1) * layout.pointCell.length);
    this.soldToDate = new Float64Array((setup.historyDays + 1) * layout.pointCell.length);
    this.transferDay = new Int32Array(layout.stores).fill(-1);
    this.transferArrival = new Int32Array(layout.stores);
    this.orderDay = new Int32Array(layout.dcs).fill(-1);
    this.give = new Float64Array(layout.stores);
    this.rest = new Float64Array(layout.stores);
  }

  play(day: number): void {
    const { layout, policy, warmUpDays } = this.setup;
    this.day = day;
    this.scoring = day >= warmUpDays;
    if (day === warmUpDays) this.shortInCycle.fill(0);
    this.arrive(day);
    this.sell(day, 0, layout.storePoints, false);
    this.sell(day, layout.storePoints, layout.pointCell.length, true);
    const levels = policy.refresh?.(day, this);
    if (levels !== undefined) {
      this.setup.checkLevels(levels, day);
      this.levels = levels;
    }
    this.reviewStores(day);
    for (let dc = 0; dc < layout.dcs; dc++) this.ship(day, dc);
    for (let dc = 0; dc < layout.dcs; dc++) if (this.reviews(layout.stores + dc, day)) this.order(day, dc);
    if (policy.rebalance) this.rebalance(day, policy.rebalance(day, this));
    this.account(day);
  }

  /** Closes every store × SKU's open cycle: the last one of the run counts too. */
  finish(): void {
    const { cellPoint, storePoints } = this.setup.layout;
    for (let cell = 0; cell < cellPoint.length; cell++) {
      const point = cellPoint[cell]!;
      if (point < 0 || point >= storePoints) continue;
      this.tally.cycles += 1;
      this.tally.cyclesShort += this.shortInCycle[cell]!;
    }
  }

  position(location: number, sku: number): number {
    const cell = location * this.setup.layout.skus + sku;
    return this.onHand[cell]! + this.inbound[cell]! - this.backorders[cell]!;
  }

  demanded(location: number, sku: number, days: number): number {
    return this.lastDays(this.demandedToDate, location, sku, days);
  }

  sold(location: number, sku: number, days: number): number {
    return this.lastDays(this.soldToDate, location, sku, days);
  }

  /** Units over the last `days` days up to today (fewer at the start of a run), from totals to date. */
  private lastDays(toDate: Float64Array, location: number, sku: number, days: number): number {
    const { layout, historyDays } = this.setup;
    if (!(days >= 1 && days <= historyDays))
      throw new RangeError(`A policy looks back 1 to ${historyDays} days (its historyDays), not ${days}`);
    const point = layout.cellPoint[location * layout.skus + sku]!;
    if (point < 0) return 0;
    const points = layout.pointCell.length;
    const before = this.day - days;
    const ring = historyDays + 1;
    const now = toDate[(this.day % ring) * points + point]!;
    return before < 0 ? now : now - toDate[(before % ring) * points + point]!;
  }

  private reviews(location: number, day: number): boolean {
    const phase = this.setup.reviewPhase[location]!;
    return day >= phase && (day - phase) % this.setup.reviewEvery[location]! === 0;
  }

  private arrive(day: number): void {
    const { layout } = this.setup;
    const { skus, stores, locations, cellPoint } = layout;
    const base = (day % layout.horizon) * layout.cells;
    for (let location = 0; location < locations; location++) {
      for (let sku = 0; sku < skus; sku++) {
        const cell = location * skus + sku;
        const units = this.arriving[base + cell]!;
        if (units === 0) continue;
        this.arriving[base + cell] = 0;
        this.onHand[cell]! += units;
        this.inbound[cell]! -= units;
        if (location >= stores) {
          this.receivedBySku[sku]! += units;
          continue;
        }
        this.inTransitBySku[sku]! -= units;
        if (cellPoint[cell]! < 0) continue;
        if (this.scoring) {
          this.tally.cycles += 1;
          this.tally.cyclesShort += this.shortInCycle[cell]!;
        }
        this.shortInCycle[cell] = 0;
      }
    }
  }

  /** Serves demand points `[first, last)`: backorders first, then today's customers. */
  private sell(day: number, first: number, last: number, online: boolean): void {
    const { layout, scenario, backorder, historyDays } = this.setup;
    const { pointCell, pointSku, unitCost, margin } = layout;
    const points = pointCell.length;
    const row = day * points;
    const today = (day % (historyDays + 1)) * points;
    const yesterday = day === 0 ? -1 : ((day - 1) % (historyDays + 1)) * points;
    let demanded = 0;
    let served = 0;
    let soldUnits = 0;
    let soldValue = 0;
    let short = 0;
    let lostMargin = 0;
    for (let p = first; p < last; p++) {
      const cell = pointCell[p]!;
      const sku = pointSku[p]!;
      const wanted = scenario.demand[row + p]!;
      let stock = this.onHand[cell]!;
      let sold = 0;
      if (backorder) {
        const waiting = Math.min(this.backorders[cell]!, stock);
        this.backorders[cell]! -= waiting;
        stock -= waiting;
        sold = waiting;
      }
      const now = Math.min(wanted, stock);
      sold += now;
      this.onHand[cell] = stock - now;
      this.demandedToDate[today + p] = wanted + (yesterday < 0 ? 0 : this.demandedToDate[yesterday + p]!);
      this.soldToDate[today + p] = sold + (yesterday < 0 ? 0 : this.soldToDate[yesterday + p]!);
      this.soldBySku[sku]! += sold;
      const missed = wanted - now;
      if (missed > 0) {
        this.shortInCycle[cell] = 1;
        if (backorder) this.backorders[cell]! += missed;
        else lostMargin += missed * margin[sku]!;
      }
      demanded += wanted;
      served += now;
      soldUnits += sold;
      soldValue += sold * unitCost[sku]!;
      short += missed;
    }
    if (!this.scoring) return;
    const tally = this.tally;
    if (online) {
      tally.onlineDemanded += demanded;
      tally.onlineServed += served;
    } else {
      tally.storeDemanded += demanded;
      tally.storeServed += served;
    }
    tally.soldUnits += soldUnits;
    tally.soldValue += soldValue;
    if (backorder) tally.backorderedUnits += short;
    else tally.lostUnits += short;
    tally.lostMargin += lostMargin;
  }

  private reviewStores(day: number): void {
    const { layout } = this.setup;
    const { pointStart, pointCell, pointSku, storeDc, skus, stores } = layout;
    const { reorderPoint, orderUpTo } = this.levels;
    for (let store = 0; store < stores; store++) {
      if (!this.reviews(store, day)) continue;
      const dcBase = (stores + storeDc[store]!) * skus;
      for (let p = pointStart[store]!; p < pointStart[store + 1]!; p++) {
        const cell = pointCell[p]!;
        const units = this.orderFor(cell, reorderPoint, orderUpTo);
        if (units === 0) continue;
        this.requested[cell] = units;
        this.dcRequested[dcBase + pointSku[p]!]! += units;
      }
    }
  }

  /** S − position rounded up to the order multiple and at least the minimum, if the position is at or below s. */
  private orderFor(cell: number, reorderPoint: Float64Array, orderUpTo: Float64Array): number {
    const position = this.onHand[cell]! + this.inbound[cell]! - this.backorders[cell]!;
    if (position > reorderPoint[cell]!) return 0;
    const need = orderUpTo[cell]! - position;
    if (need <= 0) return 0;
    const multiple = this.setup.multiple[cell]!;
    // As planning's roundOrder: an S of 100 days × 0.07 a day is 7.000000000000001 units, no reason for an 8th.
    return multiple * Math.ceil(Math.max(need, this.setup.minimum[cell]!) / multiple - 1e-9);
  }

  /** Ships DC `dc`'s store orders of today, rationing proportionally where its stock is short. */
  private ship(day: number, dc: number): void {
    const { layout } = this.setup;
    const { skus, stores, dcStoreStart, dcStores } = layout;
    const first = dcStoreStart[dc]!;
    const last = dcStoreStart[dc + 1]!;
    for (let sku = 0; sku < skus; sku++) {
      const dcCell = (stores + dc) * skus + sku;
      const ordered = this.dcRequested[dcCell]!;
      if (ordered === 0) continue;
      this.dcRequested[dcCell] = 0;
      if (this.scoring) this.tally.storeOrdered += ordered;
      const stock = this.onHand[dcCell]!;
      if (stock >= ordered) {
        for (let i = first; i < last; i++) {
          const cell = dcStores[i]! * skus + sku;
          this.send(day, dcStores[i]!, sku, dcCell, this.requested[cell]!);
          this.requested[cell] = 0;
        }
        continue;
      }
      this.ration(first, last, sku, stock, ordered);
      for (let i = first; i < last; i++) {
        const cell = dcStores[i]! * skus + sku;
        this.send(day, dcStores[i]!, sku, dcCell, this.give[i]!);
        this.requested[cell] = 0;
      }
    }
  }

  /**
   * Fills `give` for stores `dcStores[first … last)`: each its share of `stock` in whole store packs,
   * then the packs left over one by one to the largest remainders (lower store index on ties).
   */
  private ration(first: number, last: number, sku: number, stock: number, ordered: number): void {
    const { skus, dcStores } = this.setup.layout;
    const multiple = this.setup.multiple;
    const share = stock / ordered;
    let left = stock;
    for (let i = first; i < last; i++) {
      const cell = dcStores[i]! * skus + sku;
      const packs = (this.requested[cell]! / multiple[cell]!) * share;
      this.give[i] = Math.floor(packs) * multiple[cell]!;
      this.rest[i] = this.requested[cell]! > 0 ? packs - Math.floor(packs) : -1;
      left -= this.give[i]!;
    }
    for (;;) {
      let best = -1;
      for (let i = first; i < last; i++) {
        const cell = dcStores[i]! * skus + sku;
        const fits = multiple[cell]! <= left && this.give[i]! < this.requested[cell]!;
        if (fits && this.rest[i]! >= 0 && (best < 0 || this.rest[i]! > this.rest[best]!)) best = i;
      }
      if (best < 0) return;
      const pack = multiple[dcStores[best]! * skus + sku]!;
      this.give[best]! += pack;
      this.rest[best] = -1;
      left -= pack;
    }
  }

  /** Puts `units` on today's truck from the store's DC; all of a day's lines to a store arrive together. */
  private send(day: number, store: number, sku: number, dcCell: number, units: number): void {
    if (units === 0) return;
    const { layout } = this.setup;
    if (this.transferDay[store] !== day) {
      this.transferDay[store] = day;
      const z = standardNormal(this.key, STREAM.transfer, day, store, 0);
      this.transferArrival[store] = day + leadDays(layout.transferMean[store]!, layout.transferSd[store]!, z);
      if (this.scoring) this.tally.transfers += 1;
    }
    this.onHand[dcCell]! -= units;
    this.dispatch(store * layout.skus + sku, sku, units, this.transferArrival[store]!);
    if (!this.scoring) return;
    this.tally.transferLines += 1;
    this.tally.shippedUnits += units;
    this.tally.transportCost += units * layout.laneUnitCost[store * layout.skus + sku]!;
  }

  /** Books units leaving for `cell` (a store), arriving on day `arrival`. */
  private dispatch(cell: number, sku: number, units: number, arrival: number): void {
    const { layout } = this.setup;
    this.arriving[(arrival % layout.horizon) * layout.cells + cell]! += units;
    this.inbound[cell]! += units;
    this.inTransitBySku[sku]! += units;
  }

  /** DC `dc` orders from its suppliers; each line's lead time is drawn for the DC, the SKU and the day. */
  private order(day: number, dc: number): void {
    const { layout } = this.setup;
    const { skus, stores, supplierMean, supplierSd } = layout;
    const { reorderPoint, orderUpTo } = this.levels;
    for (let sku = 0; sku < skus; sku++) {
      const cell = (stores + dc) * skus + sku;
      const units = this.orderFor(cell, reorderPoint, orderUpTo);
      if (units === 0) continue;
      const z = standardNormal(this.key, STREAM.supplier, day, dc, sku);
      const arrival = day + leadDays(supplierMean[dc * skus + sku]!, supplierSd[dc * skus + sku]!, z);
      this.arriving[(arrival % layout.horizon) * layout.cells + cell]! += units;
      this.inbound[cell]! += units;
      if (!this.scoring) continue;
      this.tally.purchaseOrderLines += 1;
      if (this.orderDay[dc] !== day) this.tally.purchaseOrders += 1;
      this.orderDay[dc] = day;
    }
  }

  /** Moves stock between stores, never more than the source has; a lane's moves of a day travel together. */
  private rebalance(day: number, moves: readonly Rebalance[]): void {
    const { layout } = this.setup;
    const { skus, rebalanceLeadTime } = layout;
    for (let index = 0; index < moves.length; index++) {
      const { from, to, sku, quantity } = moves[index]!;
      this.setup.checkRebalance(day, index, from, to, sku);
      const source = from * skus + sku;
      const units = Math.min(Math.floor(quantity), this.onHand[source]!);
      if (!(units > 0)) continue;
      this.onHand[source]! -= units;
      const z = standardNormal(this.key, STREAM.rebalance, day, from, to);
      this.dispatch(to * skus + sku, sku, units, day + leadDays(rebalanceLeadTime.mean, rebalanceLeadTime.sd, z));
      if (!this.scoring) continue;
      this.tally.rebalancedUnits += units;
      this.tally.transportCost += units * layout.costs.rebalancePerUnit;
    }
  }

  private account(day: number): void {
    const { layout } = this.setup;
    const { skus, stores, locations, unitCost, cellPoint } = layout;
    const bySku = this.onHandBySku;
    bySku.fill(0);
    let storeUnits = 0;
    let storeValue = 0;
    let dcUnits = 0;
    let dcValue = 0;
    let stockOuts = 0;
    for (let location = 0; location < locations; location++) {
      const base = location * skus;
      const store = location < stores;
      for (let sku = 0; sku < skus; sku++) {
        const units = this.onHand[base + sku]!;
        if (units < 0) throw new Error(`On hand went below zero on day ${day} at location ${location} for SKU ${sku}`);
        bySku[sku]! += units;
        if (store) {
          storeUnits += units;
          storeValue += units * unitCost[sku]!;
          if (units === 0 && cellPoint[base + sku]! >= 0) stockOuts += 1;
        } else {
          dcUnits += units;
          dcValue += units * unitCost[sku]!;
        }
      }
    }
    checkConservation(day, {
      opening: this.openingBySku,
      received: this.receivedBySku,
      sold: this.soldBySku,
      onHand: bySku,
      inTransit: this.inTransitBySku,
    });
    if (!this.scoring) return;
    let transitUnits = 0;
    let transitValue = 0;
    for (let sku = 0; sku < skus; sku++) {
      transitUnits += this.inTransitBySku[sku]!;
      transitValue += this.inTransitBySku[sku]! * unitCost[sku]!;
    }
    const tally = this.tally;
    tally.days += 1;
    tally.storeUnits += storeUnits;
    tally.storeValue += storeValue;
    tally.dcUnits += dcUnits;
    tally.dcValue += dcValue;
    tally.transitUnits += transitUnits;
    tally.transitValue += transitValue;
    tally.stockOutDays += stockOuts;
    tally.carriedDays += layout.storePoints;
  }
}
