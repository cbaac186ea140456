import { z } from 'zod';
import { identifier, readableId } from '../input/index.js';

/*
 * What the schemas of every procedure share. Each document kind has its own file of the inputs it
 * takes and the shapes it answers with: `purchase-orders.schemas.ts`, `transfer-orders.schemas.ts`,
 * `cycle-counts.schemas.ts`, `returns.schemas.ts`.
 */

/** A document id people read and type: `PO-2026-0042`, `T-118`. Made by Omnistock when not given. */
export const DocumentId = readableId();

/** A filter names what it looks for; what does not exist matches nothing (an empty page), not an error. */
export const FilterKey = identifier(100);

/** Each SKU once per document: a second line for the same SKU is a mistake, not an addition. */
export const oncePerSku = <T extends { sku: string }>(lines: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    if (seen.has(line.sku))
      ctx.addIssue({ code: 'custom', path: [i, 'sku'], message: `${line.sku} is already on an earlier line` });
    seen.add(line.sku);
  });
};

/**
 * A yes-or-no question of a list: `true` or `false` in a query string, a boolean from code. Left out,
 * the list does not ask it.
 */
export const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((flag) => flag === 'true')]);
