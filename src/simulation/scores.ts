/**
 * How a policy did, over the scored days (after the warm-up). Rates are 1 where nothing was asked: a
 * store without customers missed none of them.
 */
import type { SimulationCosts } from './network.js';

/** Average units and their value at cost, measured at the end of each scored day. */
export interface Inventory {
  readonly units: number;
  readonly value: number;
}

export interface SimulationScores {
  readonly policy: string;
  /** Days scored: the run's days less the warm-up. */
  readonly days: number;
  readonly demandedUnits: number;
  /** Units served from stock the day they were asked for ÷ units asked for, stores and online together. */
  readonly fillRate: number;
  readonly storeFillRate: number;
  readonly onlineFillRate: number;
  /** Units DCs shipped ÷ units their stores ordered. */
  readonly dcFillRate: number;
  /**
   * Share of replenishment cycles without a stock-out. A cycle is a store × SKU's time from one arrival
   * to the next (the last one runs to the end of the run); it had a stock-out if any customer went
   * without that day's demand in full.
   */
  readonly cycleService: number;
  /** Store × SKU days (of carried SKUs) that ended with nothing on hand. */
  readonly stockOutDays: number;
  /** 1 − stock-out days ÷ carried store × SKU days. */
  readonly inStockRate: number;
  /** Units sold, backorders filled included. */
  readonly soldUnits: number;
  /** Units not sold because the shelf was empty (lost sales only). */
  readonly lostUnits: number;
  readonly lostMargin: number;
  /** Units customers had to wait for (backorders only). */
  readonly backorderedUnits: number;
  /** DCs', stores' and in transit between them (transfers; stock on order from suppliers is not yet ours). */
  readonly inventory: {
    readonly dc: Inventory;
    readonly store: Inventory;
    readonly inTransit: Inventory;
    readonly total: Inventory;
  };
  /** Cost of goods sold a year ÷ average inventory value. */
  readonly turns: number;
  readonly costs: {
    /** Inventory value, in transit included, times the holding rate, a day at a time. */
    readonly holding: number;
    readonly ordering: number;
    readonly transport: number;
    readonly lostMargin: number;
    /** Holding + ordering + transport + lost margin. */
    readonly total: number;
  };
  readonly activity: {
    readonly purchaseOrders: number;
    readonly purchaseOrderLines: number;
    readonly transfers: number;
    readonly transferLines: number;
    readonly shippedUnits: number;
    readonly rebalancedUnits: number;
  };
}

/** What the run adds up over the scored days; `scores` turns it into rates and costs. */
export class Tally {
  days = 0;
  storeDemanded = 0;
  storeServed = 0;
  onlineDemanded = 0;
  onlineServed = 0;
  soldUnits = 0;
  soldValue = 0;
  lostUnits = 0;
  lostMargin = 0;
  backorderedUnits = 0;
  storeOrdered = 0;
  shippedUnits = 0;
  cycles = 0;
  cyclesShort = 0;
  stockOutDays = 0;
  carriedDays = 0;
  dcUnits = 0;
  dcValue = 0;
  storeUnits = 0;
  storeValue = 0;
  transitUnits = 0;
  transitValue = 0;
  purchaseOrders = 0;
  purchaseOrderLines = 0;
  transfers = 0;
  transferLines = 0;
  rebalancedUnits = 0;
  transportCost = 0;

  scores(policy: string, costs: SimulationCosts): SimulationScores {
    const days = this.days;
    const average = (units: number, value: number): Inventory => ({ units: units / days, value: value / days });
    const total = average(
      this.dcUnits + this.storeUnits + this.transitUnits,
      this.dcValue + this.storeValue + this.transitValue,
    );
    const holding = total.value * days * (costs.holdingRate / 365);
    const ordering =
      this.purchaseOrders * costs.purchaseOrder +
      this.purchaseOrderLines * costs.purchaseOrderLine +
      this.transfers * costs.transfer +
      this.transferLines * costs.transferLine;
    const yearlyCost = (this.soldValue * 365) / days;
    return {
      policy,
      days,
      demandedUnits: this.storeDemanded + this.onlineDemanded,
      fillRate: rate(this.storeServed + this.onlineServed, this.storeDemanded + this.onlineDemanded),
      storeFillRate: rate(this.storeServed, this.storeDemanded),
      onlineFillRate: rate(this.onlineServed, this.onlineDemanded),
      dcFillRate: rate(this.shippedUnits, this.storeOrdered),
      cycleService: rate(this.cycles - this.cyclesShort, this.cycles),
      stockOutDays: this.stockOutDays,
      inStockRate: rate(this.carriedDays - this.stockOutDays, this.carriedDays),
      soldUnits: this.soldUnits,
      lostUnits: this.lostUnits,
      lostMargin: this.lostMargin,
      backorderedUnits: this.backorderedUnits,
      inventory: {
        dc: average(this.dcUnits, this.dcValue),
        store: average(this.storeUnits, this.storeValue),
        inTransit: average(this.transitUnits, this.transitValue),
        total,
      },
      turns: yearlyCost === 0 ? 0 : yearlyCost / total.value,
      costs: {
        holding,
        ordering,
        transport: this.transportCost,
        lostMargin: this.lostMargin,
        total: holding + ordering + this.transportCost + this.lostMargin,
      },
      activity: {
        purchaseOrders: this.purchaseOrders,
        purchaseOrderLines: this.purchaseOrderLines,
        transfers: this.transfers,
        transferLines: this.transferLines,
        shippedUnits: this.shippedUnits,
        rebalancedUnits: this.rebalancedUnits,
      },
    };
  }
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : 1);
