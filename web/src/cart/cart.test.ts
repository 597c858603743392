import { describe, expect, it } from 'vitest';
import { cart, CART_KEY, MAX_LINE_QUANTITY } from './cart';

describe('the cart', () => {
  it('keeps ids and quantities in localStorage, never prices', () => {
    cart.add('b1');
    cart.add('b1', 2);
    cart.add('b2');
    expect(cart.lines()).toEqual([
      { bookId: 'b1', quantity: 3 },
      { bookId: 'b2', quantity: 1 },
    ]);
    expect(JSON.parse(localStorage.getItem(CART_KEY)!)).toEqual(cart.lines());
  });

  it('holds at most the API bound per line, and drops a line set to zero', () => {
    cart.add('b1', 500);
    expect(cart.lines()).toEqual([{ bookId: 'b1', quantity: MAX_LINE_QUANTITY }]);
    cart.setQuantity('b1', 0);
    expect(cart.lines()).toEqual([]);
  });

  it('reads a damaged cart as empty', () => {
    localStorage.setItem(CART_KEY, '{not json');
    expect(cart.lines()).toEqual([]);
    localStorage.setItem(CART_KEY, JSON.stringify([{ bookId: 'b1', quantity: -2 }, { bookId: 7 }]));
    expect(cart.lines()).toEqual([]);
  });
});
