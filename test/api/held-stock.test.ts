import { expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/index.js';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';
import type { TestApi } from '../support/api.js';

/** Stock in transit (a transfer order and a lightweight transfer) and in quarantine, made by their procedures. */
async function heldStock(api: TestApi) {
  const admin = api.as(api.tokens.admin);
  expect(
    (await admin('POST', '/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 50 }] }))
      .status,
  ).toBe(201);
  const order = await admin('POST', '/api/v1/transfer-orders', {
    id: 'T-1',
    from: 'dc-1',
    to: 'store-1',
    lines: [{ sku: 'TEA', quantity: 10 }],
    ship: true,
  });
  expect(order.status).toBe(201);
  const shipped = await admin('POST', '/api/v1/transfers/ship', {
    transferId: 'L-1',
    from: 'dc-1',
    to: 'store-1',
    lines: [{ sku: 'TEA', quantity: 5 }],
  });
  expect(shipped.status).toBe(201);
  const returned = await admin('POST', '/api/v1/returns', {
    location: 'store-1',
    reason: 'defective',
    lines: [{ sku: 'TEA', quantity: 2, disposition: 'quarantine' }],
  });
  expect(returned.status).toBe(201);
  return { admin, returnId: returned.body.return.id as string };
}

const raw = (from: string, to: string, kind: string, reason?: string) => ({
  movements: [{ sku: 'TEA', from, to, quantity: 1, kind, ...(reason ? { reason } : {}) }],
});

forEachDatabase((database) => {
  it('refuses raw movements that touch stock a document holds, naming the procedure to use', async () => {
    const api = await testApi(database);
    const { admin, returnId } = await heldStock(api);
    const count = async () => (await api.store.db.selectFrom('movements').select('id').execute()).length;
    const before = await count();

    const refusals: [string, object, RegExp][] = [
      [
        "receiving a transfer order's goods",
        raw('transit:T-1', 'store-1', 'transfer_receive'),
        /transfer order 'T-1'.*POST \/api\/v1\/transfer-orders\/T-1\/receive/,
      ],
      [
        "scrapping a transfer order's goods",
        raw('transit:T-1', 'scrap', 'scrap', 'lost'),
        /transfer-orders\/T-1\/receive/,
      ],
      [
        "writing off a transfer order's goods",
        raw('transit:T-1', 'adjustment', 'transfer_shortfall', 'lost'),
        /transfer-orders\/T-1\/receive/,
      ],
      [
        "shipping more into a transfer order's transit",
        raw('dc-1', 'transit:T-1', 'transfer_ship'),
        /transfer-orders\/T-1\/ship/,
      ],
      [
        "scrapping a lightweight transfer's goods",
        raw('transit:L-1', 'scrap', 'scrap', 'lost'),
        /transfer 'L-1'.*POST \/api\/v1\/transfers\/receive/,
      ],
      [
        'releasing quarantined units',
        raw('quarantine:store-1', 'store-1', 'release'),
        new RegExp(`customer returns awaiting inspection \\(${returnId}\\).*/returns/\\{id\\}/lines/\\{sku\\}/inspect`),
      ],
      ['scrapping quarantined units', raw('quarantine:store-1', 'scrap', 'scrap', 'broken'), /inspect/],
      [
        'returning quarantined units to the vendor',
        raw('quarantine:store-1', 'supplier', 'return_to_vendor', 'faulty'),
        /inspect/,
      ],
      ['a return into quarantine', raw('customer', 'quarantine:store-1', 'return'), /POST \/api\/v1\/returns/],
    ];
    for (const [name, body, procedure] of refusals) {
      const response = await admin('POST', '/api/v1/movements', body);
      expect({ name, status: response.status, code: response.body.code }).toEqual({
        name,
        status: 409,
        code: 'held_by_document',
      });
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail).toMatch(procedure);
    }

    // The lightweight transfer's own steps are not a way into a transfer order's transit either.
    const intoOrder = await admin('POST', '/api/v1/transfers/receive', {
      transferId: 'T-1',
      to: 'store-1',
      lines: [{ sku: 'TEA', quantity: 1 }],
    });
    expect(intoOrder).toMatchObject({ status: 409, body: { code: 'held_by_document' } });
    await api.services.transferOrders.create({
      id: 'T-2',
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 1 }],
      actor: 'test',
    });
    const draftShipped = await admin('POST', '/api/v1/transfers/ship', {
      transferId: 'T-2',
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 1 }],
    });
    expect(draftShipped).toMatchObject({ status: 409, body: { code: 'held_by_document' } });
    expect(draftShipped.body.detail).toContain('/transfer-orders/T-2/ship');
    // … and it receives only where its transfer goes, ships only along its route.
    const elsewhere = await admin('POST', '/api/v1/transfers/receive', {
      transferId: 'L-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 1 }],
    });
    expect(elsewhere).toMatchObject({ status: 422, body: { code: 'invalid_movement' } });
    const detour = await admin('POST', '/api/v1/transfers/ship', {
      transferId: 'L-1',
      from: 'dc-1',
      to: 'store-2',
      lines: [{ sku: 'TEA', quantity: 1 }],
    });
    expect(detour).toMatchObject({ status: 422, body: { code: 'invalid_movement' } });
    expect(await count()).toBe(before);

    // Their procedures still move them.
    expect(
      (await admin('POST', '/api/v1/transfer-orders/T-1/receive', { lines: [{ sku: 'TEA', quantity: 10 }] })).status,
    ).toBe(200);
    expect(
      (
        await admin('POST', '/api/v1/transfers/receive', {
          transferId: 'L-1',
          to: 'store-1',
          lines: [{ sku: 'TEA', quantity: 5 }],
        })
      ).status,
    ).toBe(201);
    expect((await admin('POST', `/api/v1/returns/${returnId}/lines/TEA/inspect`, { outcome: 'restock' })).status).toBe(
      200,
    );
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true, documents: [] });
  });

  it("imports history into a lightweight transfer's transit, but never into a transfer order's", async () => {
    const api = await testApi(database);
    const { admin } = await heldStock(api);
    const csv = (rows: string[]) =>
      admin('POST', '/api/v1/imports/movements', ['occurred_at,kind,sku,from,to,quantity,reason', ...rows].join('\n'), {
        'content-type': 'text/csv',
      });
    // Dated after the goods were shipped: before that, the transit held nothing to receive.
    const early = await csv(['2026-01-02T08:00:00Z,transfer_receive,TEA,transit:L-1,store-1,5,']);
    expect(early).toMatchObject({ status: 409, body: { code: 'insufficient_stock' } });
    const now = new Date().toISOString();
    const history = await csv([`${now},transfer_receive,TEA,transit:L-1,store-1,5,`]);
    expect(history.status).toBe(200);
    // Refused while the file is checked, row by row, so nothing of it is written.
    const onHand = async () => (await admin('GET', '/api/v1/stock?sku=TEA&location=store-1')).body.onHand;
    const shelf = await onHand();
    const broken = await csv([
      `${now},receive,TEA,supplier,store-1,2,`,
      `${now},transfer_receive,TEA,transit:T-1,store-1,3,`,
    ]);
    expect(broken).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(broken.body.errors).toEqual([
      expect.objectContaining({ path: 'line 3.from', message: expect.stringContaining("transfer order 'T-1'") }),
    ]);
    expect(await onHand()).toBe(shelf);
    expect((await admin('GET', '/api/v1/stock?sku=TEA&location=transit:T-1')).body.onHand).toBe(10);
    expect(await verifyLedger(api.store)).toMatchObject({ ok: true });
  });
});
