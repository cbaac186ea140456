import { gtinCheckDigit } from '../catalog/index.js';
import type { NewLocation, NewProduct, NewSupplier } from '../catalog/index.js';
import { distanceKm, PLACES, REGIONS } from './places.js';
import type { Random } from '../probability/index.js';

export interface DemoSize {
  distributionCentres: number;
  stores: number;
  products: number;
  days: number;
}

/** How a category sells: its prices and weights, its week and its year. */
interface Category {
  name: string;
  price: [number, number];
  weightKg: [number, number];
  /** Relative sales Monday … Sunday. */
  week: readonly number[];
  /** Yearly swing (0 = flat) and the day of the year it peaks. */
  yearAmplitude: number;
  peakDay: number;
}

const CATEGORIES: readonly Category[] = [
  {
    name: 'beverages',
    price: [0.9, 6],
    weightKg: [0.3, 1.6],
    week: [0.8, 0.8, 0.9, 1, 1.2, 1.5, 0.8],
    yearAmplitude: 0.35,
    peakDay: 190,
  },
  {
    name: 'snacks',
    price: [0.8, 4],
    weightKg: [0.1, 0.5],
    week: [0.8, 0.8, 0.9, 1, 1.3, 1.4, 0.8],
    yearAmplitude: 0.1,
    peakDay: 350,
  },
  {
    name: 'household',
    price: [1.5, 15],
    weightKg: [0.3, 3],
    week: [1, 1, 1, 1, 1.1, 1.3, 0.6],
    yearAmplitude: 0.05,
    peakDay: 90,
  },
  {
    name: 'personal care',
    price: [1.5, 20],
    weightKg: [0.1, 0.8],
    week: [1, 1, 1, 1, 1.1, 1.2, 0.7],
    yearAmplitude: 0.05,
    peakDay: 170,
  },
  {
    name: 'garden',
    price: [3, 60],
    weightKg: [0.5, 12],
    week: [0.7, 0.8, 0.8, 0.9, 1.2, 1.9, 0.7],
    yearAmplitude: 0.8,
    peakDay: 130,
  },
  {
    name: 'toys',
    price: [5, 50],
    weightKg: [0.2, 2.5],
    week: [0.8, 0.8, 0.8, 0.9, 1.1, 1.7, 0.9],
    yearAmplitude: 0.9,
    peakDay: 352,
  },
  {
    name: 'kitchen',
    price: [3, 40],
    weightKg: [0.2, 3],
    week: [0.9, 0.9, 0.9, 1, 1.1, 1.4, 0.8],
    yearAmplitude: 0.25,
    peakDay: 340,
  },
  {
    name: 'apparel',
    price: [5, 45],
    weightKg: [0.1, 0.9],
    week: [0.8, 0.8, 0.9, 1, 1.2, 1.6, 0.7],
    yearAmplitude: 0.3,
    peakDay: 100,
  },
];

const NAMES: Record<string, readonly string[]> = {
  beverages: [
    'Sparkling water',
    'Apple juice',
    'Cola',
    'Iced tea',
    'Lemonade',
    'Orange juice',
    'Ginger beer',
    'Cold brew',
  ],
  snacks: ['Salted crisps', 'Oat biscuits', 'Trail mix', 'Pretzels', 'Dark chocolate', 'Rice crackers', 'Popcorn'],
  household: ['Dish soap', 'Paper towels', 'Laundry pods', 'Sponges', 'Bin bags', 'Glass cleaner', 'Candles'],
  'personal care': ['Shampoo', 'Toothpaste', 'Hand cream', 'Shower gel', 'Sunscreen', 'Deodorant', 'Lip balm'],
  garden: ['Potting soil', 'Tomato seeds', 'Hose nozzle', 'Plant food', 'Trowel', 'Bird feeder', 'Lawn seed'],
  toys: ['Building blocks', 'Puzzle 500', 'Plush bear', 'Kite', 'Card game', 'Toy car', 'Chalk set'],
  kitchen: ['Mug', 'Chef knife', 'Cutting board', 'Tea towel', 'Storage jar', 'Whisk', 'Baking tray'],
  apparel: ['Socks', 'T-shirt', 'Beanie', 'Rain jacket', 'Scarf', 'Gloves', 'Cap'],
};

/** A product's demand at an average store, before the store, region, week and year shape it. */
export interface DemandProfile {
  sku: string;
  category: Category;
  /** Mean daily units at an average store today. */
  rate: number;
  /** Relative change per year (0.1 = growing 10 % a year). */
  trend: number;
  /** Promotion windows: first day index and length, with their uplift. */
  promotions: { from: number; days: number; uplift: number }[];
  /** Units per pallet layer the DC orders in. */
  casePack: number;
}

/** The chain's suppliers: further away, slower and less reliable down the list. */
export const DEMO_SUPPLIERS = [
  { id: 'nordfrisch', name: 'Nordfrisch Handels GmbH', leadTimeDays: 5, leadTimeSdDays: 1, code: 'NF' },
  { id: 'rheinwaren', name: 'Rheinwaren AG', leadTimeDays: 7, leadTimeSdDays: 2, code: 'RW' },
  { id: 'alpen-import', name: 'Alpen Import KG', leadTimeDays: 9, leadTimeSdDays: 3, code: 'AI' },
  { id: 'fernost-trading', name: 'Fernost Trading Ltd', leadTimeDays: 12, leadTimeSdDays: 4, code: 'FT' },
] as const;
export type DemoSupplier = (typeof DEMO_SUPPLIERS)[number];

/** The one supplier of each product, by a hash of its SKU (so it stays put when the network grows). */
export function supplierOf(sku: string): DemoSupplier {
  return DEMO_SUPPLIERS[[...sku].reduce((h, c) => h + c.charCodeAt(0), 0) % DEMO_SUPPLIERS.length]!;
}

export interface DemoSupplierItem {
  supplierId: string;
  sku: string;
  supplierSku: string;
  unitCost: number;
}

export interface DemoStore {
  id: string;
  region: string;
  /** Relative size: a big store sells more and carries more. */
  size: number;
  parentId: string;
  /** Day of the week (0 = Monday) the DC replenishes it. */
  replenishmentDay: number;
}

export interface DemoNetwork {
  locations: NewLocation[];
  products: NewProduct[];
  suppliers: NewSupplier[];
  supplierItems: DemoSupplierItem[];
  demand: DemandProfile[];
  stores: DemoStore[];
  distributionCentres: string[];
  /** How strongly each region likes each category (1 = average). */
  taste: Map<string, number>;
  /** Which SKUs each store carries. */
  range: Map<string, string[]>;
}

export const tasteKey = (region: string, category: string) => `${region}/${category}`;

/** A retail chain: DCs in regions, stores replenished by the nearest DC, products with their demand. */
export function demoNetwork(size: DemoSize, random: Random): DemoNetwork {
  const locations: NewLocation[] = [];
  const places = [...PLACES];
  const take = () => places.splice(random.int(0, places.length - 1), 1)[0] ?? PLACES[random.int(0, PLACES.length - 1)]!;

  const distributionCentres: { id: string; latitude: number; longitude: number }[] = [];
  for (let i = 0; i < size.distributionCentres; i++) {
    // DCs first take one city per region, in order, so the network covers the map.
    const wanted = REGIONS[i % REGIONS.length];
    const index = places.findIndex((p) => p.region === wanted);
    const place = index >= 0 ? places.splice(index, 1)[0]! : take();
    const id = `dc-${place.region}${i >= REGIONS.length ? `-${i}` : ''}`;
    locations.push({
      id,
      name: `${place.city} distribution centre`,
      kind: 'distribution_centre',
      region: place.region,
      latitude: place.latitude,
      longitude: place.longitude,
    });
    distributionCentres.push({ id, latitude: place.latitude, longitude: place.longitude });
  }

  const stores: DemoStore[] = [];
  for (let i = 0; i < size.stores; i++) {
    const place = take();
    // Stores in a city already used sit a few kilometres apart.
    const latitude = Number((place.latitude + random.normal() * 0.03).toFixed(5));
    const longitude = Number((place.longitude + random.normal() * 0.05).toFixed(5));
    const nearest = [...distributionCentres].sort(
      (a, b) => distanceKm(a, { latitude, longitude }) - distanceKm(b, { latitude, longitude }),
    )[0]!;
    const id = `store-${String(i + 1).padStart(3, '0')}`;
    locations.push({
      id,
      name: `${place.city} ${random.pick(['Centre', 'Market', 'Station', 'Harbour', 'Old Town', 'Park'])}`,
      kind: 'store',
      region: place.region,
      latitude,
      longitude,
      parentId: nearest.id,
    });
    stores.push({
      id,
      region: place.region,
      size: Number((0.5 + random.float() * 1.3).toFixed(2)),
      parentId: nearest.id,
      replenishmentDay: random.int(0, 5),
    });
  }

  const products: NewProduct[] = [];
  const demand: DemandProfile[] = [];
  for (let i = 0; i < size.products; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const base = random.pick(NAMES[category.name]!);
    const sku = `${category.name.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(4, '0')}`;
    const price = round(category.price[0] + random.float() ** 2 * (category.price[1] - category.price[0]));
    const body = `40${String(1_000_000_000 + i * 7919).slice(-10)}`;
    products.push({
      sku,
      name: `${base} ${random.pick(['', 'Classic', 'Large', 'Mini', 'Organic', 'Family pack', 'Premium'])}`.trim(),
      category: category.name,
      unitCost: round(price * (0.45 + random.float() * 0.2)),
      price,
      weightKg: round(category.weightKg[0] + random.float() * (category.weightKg[1] - category.weightKg[0]), 3),
      gtin: body + String(gtinCheckDigit(body)),
    });
    // Most products sell slowly, a few fast: a long tail, as in every shop.
    const rate = Math.exp(random.normal() * 1.1 - 1.5);
    demand.push({
      sku,
      category,
      rate,
      trend: random.normal() * 0.12,
      promotions: Array.from({ length: random.int(0, 3) }, () => ({
        from: random.int(0, Math.max(0, size.days - 14)),
        days: random.int(7, 14),
        uplift: 1.5 + random.float() * 1.5,
      })),
      casePack: rate > 2 ? 24 : rate > 0.5 ? 12 : 6,
    });
  }

  const taste = new Map<string, number>();
  for (const region of REGIONS)
    for (const category of CATEGORIES)
      taste.set(tasteKey(region, category.name), Number((0.6 + random.float() * 0.9).toFixed(2)));

  const range = new Map<string, string[]>();
  for (const store of stores) {
    // Fast movers are everywhere; a slow mover only in some stores, more often in big ones.
    range.set(
      store.id,
      demand.filter((d) => d.rate > 1.5 || random.chance(Math.min(0.95, 0.25 + 0.35 * store.size))).map((d) => d.sku),
    );
  }
  const usedSuppliers = DEMO_SUPPLIERS.filter((s) => products.some((p) => supplierOf(p.sku) === s));
  return {
    locations,
    products,
    suppliers: usedSuppliers.map(({ id, name, leadTimeDays, leadTimeSdDays }) => ({
      id,
      name,
      leadTimeDays,
      leadTimeSdDays,
    })),
    // A supplier sells in the DC's case packs, under its own article numbers.
    supplierItems: products.map((p, i) => {
      const supplier = supplierOf(p.sku);
      return {
        supplierId: supplier.id,
        sku: p.sku,
        supplierSku: `${supplier.code}-${String(70_000 + i * 37)}`,
        unitCost: p.unitCost ?? 0,
      };
    }),
    demand,
    stores,
    distributionCentres: distributionCentres.map((d) => d.id),
    taste,
    range,
  };
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
