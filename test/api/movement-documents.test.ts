import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { testApi } from '../support/api.js';

forEachDatabase((database) => {
  it("finds a document's movements by the document, whatever reference its caller gave them", async () => {
    const api = await testApi(database);
    const admin = api.as(api.tokens.admin);
    const post = async (url: string, body?: unknown) => {
      const answer = await admin('POST', url, body);
      if (answer.status >= 300) throw new Error(`${url}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    await post('/api/v1/movements/receive', { location: 'dc-1', lines: [{ sku: 'TEA', quantity: 20 }] });
    await post('/api/v1/transfer-orders', {
      id: 'T-7',
      from: 'dc-1',
      to: 'store-1',
      reference: 'DN-4471',
      lines: [{ sku: 'TEA', quantity: 6 }],
    });
    await post('/api/v1/transfer-orders/T-7/ship');
    await post('/api/v1/transfer-orders/T-7/receive', { lines: [{ sku: 'TEA', quantity: 6 }] });
    await post('/api/v1/suppliers', { id: 'tea-co', name: 'Tea Co', leadTimeDays: 5 });
    const order = await post('/api/v1/purchase-orders', {
      supplier: 'tea-co',
      location: 'store-2',
      lines: [{ sku: 'TEA', quantity: 4, unitCost: 2 }],
      submit: true,
    });
    await post(`/api/v1/purchase-orders/${order.id}/receive`, { lines: [{ sku: 'TEA', quantity: 4 }] });

    const movements = async (query: string) => (await admin('GET', `/api/v1/movements?${query}`)).body.items;
    const transfer = await movements('documentType=transfer_order&documentId=T-7');
    expect(transfer.map((m: { kind: string }) => m.kind)).toEqual(['transfer_ship', 'transfer_receive']);
    for (const m of transfer)
      expect(m).toMatchObject({ reference: 'DN-4471', documentType: 'transfer_order', documentId: 'T-7' });
    expect(await movements('reference=DN-4471')).toEqual(transfer);
    expect(await movements('documentId=T-7')).toEqual(transfer);

    const received = await movements(`documentType=purchase_order&documentId=${order.id}`);
    expect(received).toEqual([expect.objectContaining({ kind: 'receive', quantity: 4, toLocationId: 'store-2' })]);
    // A plain posting names no document.
    const plain = (await movements('kind=receive&location=dc-1'))[0];
    expect(plain).toMatchObject({ documentType: null, documentId: null });
    expect((await admin('GET', '/api/v1/movements?documentType=invoice')).status).toBe(400);
  });
});
