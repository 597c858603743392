import { describe, expect, it } from 'vitest';
import { limitReason, normaliseLines, rejectionReason } from './reservation.js';

describe('reservation rules', () => {
  it('merges lines of the same book and sorts by book id', () => {
    expect(
      normaliseLines([
        { bookId: 'b', quantity: 1 },
        { bookId: 'a', quantity: 2 },
        { bookId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { bookId: 'a', quantity: 2 },
      { bookId: 'b', quantity: 4 },
    ]);
  });

  it('names the book and the shortfall in the rejection reason', () => {
    expect(rejectionReason({ bookId: 'x', quantity: 3 }, { title: 'Emma', stock: 1 })).toBe('OUT_OF_STOCK: "Emma" has 1 in stock; 3 requested.');
    expect(rejectionReason({ bookId: 'x', quantity: 1 }, null)).toBe('OUT_OF_STOCK: book x does not exist.');
  });

  it('names the book when a line is over a money bound, and only the order when its total is', () => {
    expect(limitReason('its quantity, 101, is above 100', 'Emma')).toBe('ORDER_LIMIT: "Emma": its quantity, 101, is above 100.');
    expect(limitReason('the order would total 5.00', null)).toBe('ORDER_LIMIT: the order would total 5.00.');
  });
});
