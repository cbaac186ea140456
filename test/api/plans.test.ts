import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import { createPlans } from '../../src/plans/index.js';

type Line = { sku: string; quantity: number; unitCost: number; reason: Record<string, unknown> };
type Suggestion = {
  id: string;
  kind: string;
  status: string;
  supplierId: string | null;
  fromId: string | null;
  locationId: string;
  value: number;
  lines: Line[];
  document: { type: string; id: string } | null;
};

forEachDatabase((database) => {
  it('plans the demo network, explains its suggestions, and turns an approval into exactly one document', async () => {
    const api = await testApi(database, { demo: true });
    const viewer = api.as(api.tokens.viewer);
    const planner = api.as(api.tokens.planner);
    expect((await viewer('GET', '/api/v1/plans/runs/latest')).status).toBe(404);
    expect((await planner('POST', '/api/v1/plans/runs', {})).status).toBe(404); // no forecast yet
    expect((await planner('POST', '/api/v1/forecasts/runs', { horizon: 28 })).status).toBe(201);
    expect((await viewer('GET', '/api/v1/overview')).body.network.skus.belowReorderPoint).toBeNull();

    expect((await viewer('POST', '/api/v1/plans/runs', {})).status).toBe(403);
    expect((await api.as(api.tokens.clerk)('POST', '/api/v1/plans/runs', {})).status).toBe(403);
    const bad = await planner('POST', '/api/v1/plans/runs', {
      holdingRate: -1,
      service: { floor: 0.99, ceiling: 0.9 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['holdingRate', 'service.floor']);

    const run = await planner('POST', '/api/v1/plans/runs', {});
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const { summary } = run.body;
    expect(summary.pairs).toBeGreaterThan(0);
    expect(summary.policies).toBeGreaterThanOrEqual(summary.pairs);
    expect(summary.safetyStock.units).toBeGreaterThan(0);
    expect(summary.waiting.units).toBeGreaterThanOrEqual(summary.waiting.pairs);
    const shares = summary.safetyStock.byKind.map((k: { share: number }) => k.share);
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 6);
    expect((await viewer('GET', '/api/v1/plans/runs/latest')).body.id).toBe(run.body.id);

    // Policies: every location planned for a SKU, one row per week, levels that make sense.
    const all: Suggestion[] = (await viewer('GET', '/api/v1/suggestions?status=open&limit=500')).body.items;
    expect(all.length).toBe(
      summary.suggestions.purchaseOrders +
        summary.suggestions.transfers +
        summary.suggestions.rebalancing +
        summary.suggestions.rangeAdd +
        summary.suggestions.rangeDelist,
    );
    const order = all.find((s) => s.kind === 'purchase_order');
    expect(order, 'the demo needs at least one purchase order').toBeDefined();
    const sku = order!.lines[0]!.sku;
    const policies = (await viewer('GET', `/api/v1/products/${sku}/policies`)).body.policies;
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies) {
      expect(p.orderUpTo).toBeGreaterThanOrEqual(p.reorderPoint);
      expect(p.reorderPoint).toBeGreaterThanOrEqual(0);
      expect(p.validUntil >= p.validFrom).toBe(true);
    }
    const on = policies[0].validFrom;
    const today = (await viewer('GET', `/api/v1/products/${sku}/policies?on=${on}&location=${order!.locationId}`)).body
      .policies;
    expect(today).toHaveLength(1);
    expect((await viewer('GET', '/api/v1/products/NOPE/policies')).status).toBe(404);
    expect((await viewer('GET', `/api/v1/products/${sku}/policies?location=nowhere`)).body.code).toBe(
      'unknown_location',
    );
    expect((await viewer('GET', `/api/v1/products/${sku}/policies?on=2026-02-30`)).status).toBe(400);

    // Each line says why, with the numbers it was computed from.
    const why = order!.lines[0]!.reason as { position: { inventoryPosition: number }; reorderPoint: number };
    expect(why.position.inventoryPosition).toBeLessThanOrEqual(why.reorderPoint);
    expect(
      (await viewer('GET', `/api/v1/suggestions?kind=purchase_order&supplier=${order!.supplierId}`)).body.items.every(
        (s: Suggestion) => s.kind === 'purchase_order' && s.supplierId === order!.supplierId,
      ),
    ).toBe(true);
    const big = (await viewer('GET', '/api/v1/suggestions?minValue=100')).body.items;
    expect(big.every((s: Suggestion) => s.value >= 100)).toBe(true);

    // The overview counts what is at or below its reorder point: at least every SKU a store is sent.
    const overview = (await viewer('GET', '/api/v1/overview')).body;
    expect(overview.network.skus.belowReorderPoint).toBeGreaterThan(0);
    for (const s of all.filter((s) => s.kind === 'transfer')) {
      const at = overview.locations.find((l: { id: string }) => l.id === s.locationId);
      expect(at.skus.belowReorderPoint, s.locationId).toBeGreaterThanOrEqual(s.lines.length);
    }

    // Transfers never take more than the source can spare.
    const taken = new Map<string, number>();
    for (const s of all.filter((s) => s.kind === 'transfer' || s.kind === 'rebalance'))
      for (const line of s.lines)
        taken.set(`${s.fromId}|${line.sku}`, (taken.get(`${s.fromId}|${line.sku}`) ?? 0) + line.quantity);
    for (const [at, quantity] of taken) {
      const [from, item] = at.split('|');
      const row = (await viewer('GET', `/api/v1/stock?sku=${item}&location=${from}`)).body;
      expect(quantity, at).toBeLessThanOrEqual(row.onHand - row.reserved);
    }

    // Viewers read, planners decide; two planners approving at once: one wins, the other is told.
    expect((await viewer('POST', `/api/v1/suggestions/${order!.id}/approve`, {})).status).toBe(403);
    const [first, second] = await Promise.all([
      planner('POST', `/api/v1/suggestions/${order!.id}/approve`, {}),
      api.as(api.tokens.admin)('POST', `/api/v1/suggestions/${order!.id}/approve`, {}),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const approved: Suggestion = (first.status === 200 ? first : second).body;
    expect(approved.status).toBe('approved');
    expect(approved.document?.type).toBe('purchase_order');
    const loser = first.status === 409 ? first : second;
    expect(loser.body.code).toBe('illegal_transition');
    const po = (await viewer('GET', `/api/v1/purchase-orders/${approved.document!.id}`)).body;
    expect(po.supplierId).toBe(order!.supplierId);
    expect(po.locationId).toBe(order!.locationId);
    expect(po.lines.map((l: { sku: string; ordered: number }) => [l.sku, l.ordered])).toEqual(
      order!.lines.map((l) => [l.sku, l.quantity]),
    );
    const orders = (await viewer('GET', `/api/v1/purchase-orders?limit=500`)).body.items;
    expect(orders.filter((o: { reference: string | null }) => o.reference === `suggestion ${order!.id}`)).toHaveLength(
      1,
    );

    // A transfer (from a parent, or between stores) becomes a draft transfer.
    const move = all.find((s) => s.kind === 'transfer' || s.kind === 'rebalance');
    if (move) {
      const done = await planner('POST', `/api/v1/suggestions/${move.id}/approve`, {});
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      const transfer = (await viewer('GET', `/api/v1/transfer-orders/${done.body.document.id}`)).body;
      expect([transfer.fromId, transfer.toId, transfer.status]).toEqual([move.fromId, move.locationId, 'draft']);
    }

    // Dismissing needs a note and happens once.
    const other = all.find((s) => s.status === 'open' && s.id !== order!.id && s.id !== move?.id)!;
    expect((await planner('POST', `/api/v1/suggestions/${other.id}/dismiss`, {})).status).toBe(400);
    const dismissed = await planner('POST', `/api/v1/suggestions/${other.id}/dismiss`, {
      note: 'stock arrives Monday',
    });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', note: 'stock arrives Monday', decidedBy: 'planner' });
    expect((await planner('POST', `/api/v1/suggestions/${other.id}/approve`, {})).status).toBe(409);

    // A newer plan replaces the open suggestions, and events say what happened.
    const open = (await viewer('GET', '/api/v1/suggestions?status=open&limit=500')).body.items.length;
    const again = await planner('POST', '/api/v1/plans/runs', {});
    expect(again.body.summary.expired).toBe(open);
    const stale = all.find((s) => ![order!.id, move?.id, other.id].includes(s.id));
    if (stale) {
      const refused = await planner('POST', `/api/v1/suggestions/${stale.id}/approve`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toMatch(/newer plan/);
    }
    await api.services.relayEvents();
    const events = (await api.store.db.selectFrom('events').select('type').execute()).map((e) => e.type);
    for (const type of ['plan.completed', 'suggestion.approved', 'suggestion.dismissed', 'suggestions.expired'])
      expect(events).toContain(type);
  }, 120_000);

  it('keeps the suggestions of one plan open when two planners plan at once', async () => {
    const api = await testApi(database, { demo: true });
    const planner = api.as(api.tokens.planner);
    expect((await planner('POST', '/api/v1/forecasts/runs', { horizon: 14 })).status).toBe(201);
    const runs = await Promise.all([
      planner('POST', '/api/v1/plans/runs', {}),
      api.as(api.tokens.admin)('POST', '/api/v1/plans/runs', {}),
    ]);
    expect(runs.map((r) => r.status)).toEqual([201, 201]);
    const open: Suggestion[] = (await planner('GET', '/api/v1/suggestions?status=open&limit=1000')).body.items;
    expect(open.length).toBeGreaterThan(0);
    const latest = (await planner('GET', '/api/v1/plans/runs/latest')).body.id;
    expect(new Set(open.map((s) => (s as Suggestion & { runId: string }).runId))).toEqual(new Set([latest]));
  });

  it('counts what approved drafts will move, so that the next plan does not suggest them again', async () => {
    const api = await testApi(database, { demo: true });
    const planner = api.as(api.tokens.planner);
    expect((await planner('POST', '/api/v1/forecasts/runs', { horizon: 28 })).status).toBe(201);
    expect((await planner('POST', '/api/v1/plans/runs', {})).status).toBe(201);
    const first: Suggestion[] = (await planner('GET', '/api/v1/suggestions?status=open&limit=1000')).body.items;
    const chosen = [
      first.find((s) => s.kind === 'transfer'),
      first.find((s) => s.kind === 'purchase_order'),
      first.find((s) => s.kind === 'rebalance'),
    ].filter((s): s is Suggestion => s !== undefined);
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    for (const s of chosen) {
      // Drafts all: a draft purchase order and draft transfers move nothing yet.
      const approved = await planner('POST', `/api/v1/suggestions/${s.id}/approve`, { submit: false });
      expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    }

    // A suggestion approved while a plan reads the network: that plan is made again, on the new document.
    const late = first.find((s) => !chosen.includes(s) && s.kind === 'purchase_order');
    let approvedDuringPlan = false;
    const plans = createPlans(api.store, {
      ...api.services,
      stock: {
        // The stock is read, then the order is placed: what was read does not know it.
        everywhere: async () => {
          const rows = await api.services.stock.everywhere();
          if (late && !approvedDuringPlan) {
            approvedDuringPlan = true;
            await api.services.plans.approve(late.id, { submit: true }, 'pia');
          }
          return rows;
        },
      },
    });
    await plans.run({ actor: 'planner' });
    const again: Suggestion[] = (await planner('GET', '/api/v1/suggestions?status=open&limit=1000')).body.items;
    const to = (s: Suggestion) => s.locationId;
    for (const s of [...chosen, ...(late ? [late] : [])])
      for (const line of s.lines) {
        const why = line.reason as { wanted?: number };
        if (s.kind !== 'rebalance' && line.quantity < (why.wanted ?? 0)) continue; // only part of the need was met
        const repeated = again.filter(
          (n) => n.kind === s.kind && to(n) === to(s) && n.lines.some((l) => l.sku === line.sku),
        );
        expect(repeated, `${s.kind} of ${line.sku} to ${to(s)}`).toEqual([]);
      }
  });
});
