import { describeContractOnBothStacks } from '@bookstore/testing';
import { beforeAll, expect, it } from 'vitest';
import { placeOrder } from './testing/documents.js';
import { startOrders } from './testing/harness.js';

// The embedded adapter (PGlite) must behave like PostgreSQL for the same schema and migrations.
describeContractOnBothStacks('orders', (kind) => startOrders({ kind }), (orders, probes) => {
  beforeAll(async () => {
    const order = await placeOrder(orders, await orders.customer());
    // Only the key of an order is public; its other fields are for its customer and ADMINs.
    probes.push({ representation: { __typename: 'Order', id: order.id }, expect: ['id', order.id] });
  });

  // User is not in the probes: the users subgraph owns users, so here every well-formed id is one
  // (an unknown id resolves, with no orders, rather than to null as the contract expects).
  it('resolves any User reference, with the orders its caller may see', async () => {
    const customer = await orders.customer();
    const order = await placeOrder(orders, customer);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id orders { totalCount edges { node { id } } } } } }';
    const response = await orders.request(query, { r: [{ __typename: 'User', id: customer.id }] }, customer);
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([{ id: customer.id, orders: { totalCount: 1, edges: [{ node: { id: order.id } }] } }]);
    const malformed = await orders.request('query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }', { r: [{ __typename: 'User', id: 'nobody' }] });
    expect(malformed.data?._entities).toEqual([null]);
  });
});
