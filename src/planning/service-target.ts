/**
 * How much service each SKU × location aims for. Products are classed by value (ABC: the few that
 * make most of the sales value, then the rest) and by how steadily they sell (XYZ: coefficient of
 * variation of daily demand); a target may follow the class, or be set where holding one more unit
 * costs as much as the sales it saves.
 */

export const SERVICE_MEASURES = ['cycle_service', 'fill_rate'] as const;
/** Cycle service (type 1): the chance a replenishment cycle ends without a stock-out. Fill rate (type 2): the share of demand served from the shelf. */
export type ServiceMeasure = (typeof SERVICE_MEASURES)[number];

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
export const XYZ_CLASSES = ['X', 'Y', 'Z'] as const;
export type XyzClass = (typeof XYZ_CLASSES)[number];
export type ProductClass = `${AbcClass}${XyzClass}`;

export const SERVICE_CHOICES = ['class', 'cost'] as const;
/** `class`: the class's target; `cost`: where holding and lost margin balance, within the floor and ceiling. */
export type ServiceChoice = (typeof SERVICE_CHOICES)[number];

export interface ServiceSettings {
  choice: ServiceChoice;
  /** What a `class` target measures; `cost` targets are always cycle service (the quantile the cost balance picks). */
  measure: ServiceMeasure;
  /** Target per value class. */
  targets: Readonly<Record<AbcClass, number>>;
  /** Targets for particular combinations (`CZ`: slow, erratic, cheap), over the value class's. */
  overrides: Readonly<Partial<Record<ProductClass, number>>>;
  /** Cost-set targets stay within these. */
  floor: number;
  ceiling: number;
}

export const DEFAULT_SERVICE: ServiceSettings = {
  choice: 'cost',
  measure: 'cycle_service',
  targets: { A: 0.98, B: 0.95, C: 0.9 },
  overrides: {},
  floor: 0.8,
  ceiling: 0.995,
};

/** Cumulative shares of sales value that end classes A and B; coefficients of variation that end X and Y. */
export const CLASS_BOUNDS = { a: 0.8, b: 0.95, x: 0.5, y: 1 } as const;

export interface ClassifiedProduct {
  sku: string;
  abc: AbcClass;
  xyz: XyzClass;
  /** Expected sales value a year, at cost. */
  annualValue: number;
  /** σ ÷ mean of its daily demand over the network; null where it does not sell. */
  variation: number | null;
}

/**
 * Classes products by their network demand: ABC by expected yearly value at cost (the products that
 * make the first 80 % of it are A, the next 15 % B, the rest C), XYZ by the coefficient of variation
 * of daily demand (up to 0.5 X, up to 1 Y, else Z; a product that does not sell is CZ).
 *
 * @example
 * classifyProducts([{ sku: 'TEA', dailyMean: 30, dailySd: 6, unitCost: 2 }, { sku: 'POT', dailyMean: 0.1, dailySd: 0.4, unitCost: 9 }]);
 * // TEA: AX, POT: CZ
 */
export function classifyProducts(
  products: readonly { sku: string; dailyMean: number; dailySd: number; unitCost: number }[],
): Map<string, ClassifiedProduct> {
  const valued = products
    .map((p) => ({ ...p, annualValue: Math.max(0, p.dailyMean) * 365 * Math.max(0, p.unitCost) }))
    .sort((x, y) => y.annualValue - x.annualValue || (x.sku < y.sku ? -1 : 1));
  const total = valued.reduce((sum, p) => sum + p.annualValue, 0);
  const classes = new Map<string, ClassifiedProduct>();
  let before = 0;
  for (const p of valued) {
    // A product is in the class where its value starts, so the largest product is always A.
    const share = total === 0 ? 1 : before / total;
    before += p.annualValue;
    const abc: AbcClass = p.annualValue === 0 ? 'C' : share < CLASS_BOUNDS.a ? 'A' : share < CLASS_BOUNDS.b ? 'B' : 'C';
    const variation = p.dailyMean > 0 ? p.dailySd / p.dailyMean : null;
    const xyz: XyzClass =
      variation === null ? 'Z' : variation <= CLASS_BOUNDS.x ? 'X' : variation <= CLASS_BOUNDS.y ? 'Y' : 'Z';
    classes.set(p.sku, { sku: p.sku, abc, xyz, annualValue: p.annualValue, variation });
  }
  return classes;
}

/**
 * The cycle service at which one more unit of stock costs as much as the sales it saves, with lost
 * sales: raising the reorder point by a unit holds it all year (h) and saves, in each of the year's
 * λ/Q cycles, the margin p of the units it would have caught. The best reorder point is the demand's
 * quantile at p·λ / (p·λ + h·Q) (Hadley and Whitin). A cheap fast seller gets close to 1; an expensive,
 * slow one ordered in large lots much less.
 *
 * @example
 * costOptimalService({ unitMargin: 2, holdingPerYear: 0.75, annualDemand: 3650, lotSize: 70 }); // 0.9928
 */
export function costOptimalService(input: {
  unitMargin: number;
  holdingPerYear: number;
  annualDemand: number;
  lotSize: number;
}): number {
  const { unitMargin: p, holdingPerYear: h, annualDemand: lambda, lotSize: q } = input;
  if (!(p > 0) || !(lambda > 0)) return 0;
  if (!(h > 0)) return 1;
  return (p * lambda) / (p * lambda + h * Math.max(1, q));
}

export interface ServiceTarget {
  measure: ServiceMeasure;
  level: number;
  /** Why this level: the class's target, or the cost balance. */
  basis: 'class' | 'cost';
}

/**
 * The target for one product at one location: the class's (or its combination's override) when the
 * settings say `class`, else the cost balance of `costOptimalService` within the floor and ceiling.
 */
export function serviceTarget(
  settings: ServiceSettings,
  product: Pick<ClassifiedProduct, 'abc' | 'xyz'>,
  economics: Parameters<typeof costOptimalService>[0],
): ServiceTarget {
  if (settings.choice === 'class') {
    const level = settings.overrides[`${product.abc}${product.xyz}`] ?? settings.targets[product.abc];
    return { measure: settings.measure, level, basis: 'class' };
  }
  const level = Math.min(settings.ceiling, Math.max(settings.floor, costOptimalService(economics)));
  return { measure: 'cycle_service', level, basis: 'cost' };
}
