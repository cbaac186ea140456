import type { FastifyRequest } from 'fastify';
import { DomainError } from '../errors/index.js';
import { caller } from './auth.js';
import type { Services } from './services.js';

/**
 * Counting is blind: while a count is open, whoever started it or counted in it sees the system
 * quantities of its SKUs nowhere — not in the count, not in any stock read, not in the ledger — until it
 * is submitted. A read of one such SKU is refused; a list leaves its rows out.
 */
export interface BlindCounting {
  /** Throws `forbidden` if the caller is counting `sku` now. */
  refuseCounted(request: FastifyRequest, sku: string): Promise<void>;
  /** `items` without the rows of SKUs the caller is counting now. */
  withoutCounted<T extends { sku: string }>(request: FastifyRequest, items: T[]): Promise<T[]>;
}

export function blindCounting(services: Pick<Services, 'cycleCounts'>): BlindCounting {
  const counted = (request: FastifyRequest) => services.cycleCounts.blindSkus(caller(request).name);
  return {
    async refuseCounted(request, sku) {
      if (!(await counted(request)).has(sku)) return;
      throw new DomainError(
        'forbidden',
        `'${caller(request).name}' is counting ${sku}: its system quantities stay hidden until the count is submitted`,
        { rule: 'blind_count', sku },
      );
    },
    async withoutCounted(request, items) {
      const hidden = await counted(request);
      return hidden.size === 0 ? items : items.filter((item) => !hidden.has(item.sku));
    },
  };
}
