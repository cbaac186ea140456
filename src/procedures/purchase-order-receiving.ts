import { SUPPLIER } from '../catalog/index.js';
import { parseInput, validationFailed } from '../errors/index.js';
import { idempotent, postMovements } from '../ledger/index.js';
import type { MovementDraft } from '../ledger/index.js';
import type { Store } from '../store/index.js';
import { DAY_MS } from '../calendar/index.js';
import { transition, updateLines } from './document.js';
import { OPEN_PURCHASE_ORDER_STATUSES } from './purchase-order.js';
import type { DiscrepancyKind } from './purchase-order.js';
import { loadPurchaseOrder, recordDiscrepancies } from './purchase-order.repository.js';
import { ReceivePurchaseOrder } from './purchase-orders.schemas.js';
import type { PurchaseOrders } from './purchase-orders.service.js';

/**
 * Taking deliveries in: good units into stock in one posting, and what differs from the order
 * (over-delivered, damaged, short at closing) recorded with its reason.
 */
export function purchaseOrderReceiving(store: Store): Pick<PurchaseOrders, 'receive'> {
  const { capabilities } = store;
  return {
    async receive(id, raw) {
      const input = parseInput(ReceivePurchaseOrder, raw);
      const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : new Date().toISOString();
      return store.transaction((trx) =>
        idempotent(trx, input.idempotencyKey, `purchase_order.receive:${id}`, input, async () => {
          // Claims the order first: a second receipt waits here, then sees this one's result.
          await transition(
            trx,
            capabilities,
            'purchase_orders',
            id,
            OPEN_PURCHASE_ORDER_STATUSES,
            'partially_received',
          );
          const order = await loadPurchaseOrder(trx, id);
          const lineOf = new Map(order.lines.map((l) => [l.sku, l]));
          const issues = input.lines.flatMap((l, i) =>
            lineOf.has(l.sku) ? [] : [{ path: `lines.${i}.sku`, message: `${l.sku} is not on purchase order ${id}` }],
          );
          if (issues.length > 0) throw validationFailed(issues);

          const receiptId = `${id}/R${order.receipts.length + 1}`;
          const discrepancies: { sku: string; kind: DiscrepancyKind; quantity: number }[] = [];
          const drafts: MovementDraft[] = [];
          for (const l of input.lines) {
            const line = lineOf.get(l.sku)!;
            const over =
              Math.max(0, line.received + l.quantity - line.ordered) - Math.max(0, line.received - line.ordered);
            if (over > 0) discrepancies.push({ sku: l.sku, kind: 'over', quantity: over });
            if (l.damaged > 0) discrepancies.push({ sku: l.sku, kind: 'damaged', quantity: l.damaged });
            if (l.quantity > 0)
              drafts.push({ sku: l.sku, quantity: l.quantity, kind: 'receive', from: SUPPLIER, to: order.locationId });
            line.received += l.quantity;
            line.damaged += l.damaged;
          }
          const complete = order.lines.every((l) => l.received >= l.ordered);
          if (input.close && !complete)
            for (const line of order.lines)
              if (line.received < line.ordered)
                discrepancies.push({ sku: line.sku, kind: 'short', quantity: line.ordered - line.received });
          if (discrepancies.length > 0 && !input.reason)
            throw validationFailed([
              {
                path: 'reason',
                message: `say why the delivery differs from the order (${[...new Set(discrepancies.map((d) => d.kind))].join(', ')})`,
              },
            ]);

          const posting =
            drafts.length > 0
              ? await postMovements(trx, capabilities, {
                  document: { type: 'purchase_order', id },
                  movements: drafts.map((d) => ({ ...d, reference: id })),
                  actor: input.actor,
                  occurredAt,
                })
              : null;
          await updateLines(
            trx,
            capabilities,
            'purchase_order_lines',
            'order_id',
            id,
            ['received', 'damaged'],
            input.lines.map((l) => ({ sku: l.sku, values: [lineOf.get(l.sku)!.received, lineOf.get(l.sku)!.damaged] })),
          );
          const submittedAt = Date.parse(order.submittedAt ?? order.createdAt);
          await trx
            .insertInto('purchase_order_receipts')
            .values({
              id: receiptId,
              order_id: id,
              posting_id: posting?.postingId ?? null,
              received_at: occurredAt,
              received_by: input.actor,
              lead_time_days: Math.max(0, (Date.parse(occurredAt) - submittedAt) / DAY_MS),
              on_time: order.expectedAt === null || occurredAt <= order.expectedAt ? 1 : 0,
            })
            .execute();
          await recordDiscrepancies(trx, id, receiptId, input.reason ?? '', discrepancies);
          if (complete || input.close)
            await transition(
              trx,
              capabilities,
              'purchase_orders',
              id,
              ['partially_received'],
              complete ? 'received' : 'closed',
              {
                closed_at: new Date().toISOString(),
              },
            );
          return { order: await loadPurchaseOrder(trx, id), posting };
        }),
      );
    },
  };
}
