import { useId, useState } from 'react';
import { Link } from 'react-router';
import { cart, MAX_LINE_QUANTITY, useCart } from '../cart/cart';
import { getFragmentData, graphql, type FragmentType } from '../gql';
import { Money } from '../ui/Money';

export const BuyBoxFragment = graphql(`
  fragment BuyBox_book on Book {
    id
    title
    stock
    price {
      amount
      currency
    }
  }
`);

/** Price, stock and "add to cart" with a quantity no larger than the stock. */
export function BuyBox(props: { book: FragmentType<typeof BuyBoxFragment> }) {
  const book = getFragmentData(BuyBoxFragment, props.book);
  const inCart = useCart().find((line) => line.bookId === book.id)?.quantity ?? 0;
  const max = Math.max(0, Math.min(book.stock, MAX_LINE_QUANTITY) - inCart);
  const [quantity, setQuantity] = useState(1);
  const [added, setAdded] = useState(false);
  const id = useId();
  return (
    <section className="box buy-box" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="box-title">
        Buy
      </h2>
      <p className="price-large">
        <Money value={book.price} />
      </p>
      <p className={book.stock > 0 ? 'in-stock' : 'out-of-stock'}>{book.stock > 0 ? `In stock (${book.stock})` : 'Out of stock'}</p>
      {book.stock > 0 && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            cart.add(book.id, Math.min(quantity, max));
            setAdded(true);
          }}
        >
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input id={`${id}-quantity`} type="number" min={1} max={Math.max(1, max)} value={quantity} onChange={(event) => setQuantity(Math.max(1, Number(event.target.value) || 1))} disabled={max === 0} />
          <button type="submit" className="button" disabled={max === 0}>
            Add to cart
          </button>
        </form>
      )}
      <p role="status" className="box-status">
        {added && inCart > 0 ? (
          <>
            {inCart} in your cart. <Link to="/cart">View cart</Link>
          </>
        ) : inCart > 0 ? (
          <>
            {inCart} in your cart{max === 0 ? ', as many as are in stock' : ''}. <Link to="/cart">View cart</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
