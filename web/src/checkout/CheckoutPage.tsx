import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RequireSession } from '../app/RequireSession';
import { cart, useCart } from '../cart/cart';
import { priceCart } from '../cart/CartPage';
import { useCartBooks } from '../cart/useCartBooks';
import { appErrors, fieldErrors } from '../client/errors';
import { forgetIdempotencyKey, idempotencyKey } from '../client/idempotency';
import { graphql } from '../gql';
import type { AddressInput } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatMoney } from '../ui/format';
import { Empty } from '../ui/Loading';
import { usePageTitle } from '../ui/usePageTitle';
import { AddressFields } from './AddressFields';

const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!, $idempotencyKey: String) {
    placeOrder(input: $input, idempotencyKey: $idempotencyKey) {
      id
      status
    }
  }
`);

const ADDRESS_KEY = 'bookstore.checkout.address';

const emptyAddress: AddressInput = { line1: '', line2: '', city: '', postalCode: '', country: '' };

function savedAddress(): AddressInput {
  try {
    return { ...emptyAddress, ...(JSON.parse(localStorage.getItem(ADDRESS_KEY) ?? '{}') as Partial<AddressInput>) };
  } catch {
    return emptyAddress;
  }
}

function Checkout() {
  const lines = useCart();
  const { books, loading } = useCartBooks(lines);
  const { subtotal, problems } = priceCart(lines, books);
  const [address, setAddress] = useState<AddressInput>(savedAddress);
  const [place, { loading: placing, error }] = useMutation(PlaceOrderMutation);
  const navigate = useNavigate();

  if (lines.length === 0)
    return (
      <Empty title="Your cart is empty">
        <p>
          <Link to="/">Browse the catalogue</Link>
        </p>
      </Empty>
    );

  const errors = fieldErrors(error);
  const fieldError = (name: string) => errors[`input.shippingAddress.${name}`];
  // Errors about a line name it by index (input.items[1].quantity): say which book.
  const other = appErrors(error)
    .filter((each) => !(each.field && each.field.startsWith('input.shippingAddress.')))
    .map((each) => {
      const index = /^input\.items\[(\d+)\]/.exec(each.field ?? '')?.[1];
      const book = index !== undefined ? books.get(lines[Number(index)]?.bookId ?? '') : undefined;
      return book ? { ...each, message: `${book.title}: ${each.message}` } : each;
    });

  const submit = async () => {
    const input = {
      items: lines.map((line) => ({ bookId: line.bookId, quantity: line.quantity })),
      shippingAddress: { ...address, line2: address.line2 || null },
    };
    localStorage.setItem(ADDRESS_KEY, JSON.stringify(address));
    // The same order sent again (a lost answer, a double click, a reload) keeps its key: one order.
    const result = await place({ variables: { input, idempotencyKey: idempotencyKey('place-order', input) } }).catch(() => undefined);
    const order = result?.data?.placeOrder;
    if (!order) return;
    forgetIdempotencyKey('place-order');
    cart.clear();
    void navigate(`/orders/${order.id}`);
  };

  return (
    <div className="checkout-layout">
      <form
        className="address-form"
        aria-labelledby="address-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2 id="address-title">Shipping address</h2>
        <AddressFields address={address} onChange={setAddress} fieldError={fieldError} />
        <ErrorNotice errors={other} />
        <button type="submit" className="button" disabled={placing || loading || problems.length > 0}>
          {placing ? 'Placing your order…' : 'Place order'}
        </button>
      </form>
      <section className="order-preview" aria-labelledby="preview-title">
        <h2 id="preview-title">Your order</h2>
        <ul>
          {lines.map((line) => (
            <li key={line.bookId}>
              {line.quantity} × {books.get(line.bookId)?.title ?? '…'}
            </li>
          ))}
        </ul>
        <p>
          Subtotal: <strong>{formatMoney(subtotal)}</strong>
        </p>
        {problems.length > 0 && (
          <p className="out-of-stock">
            {problems[0]} <Link to="/cart">Change your cart</Link>
          </p>
        )}
        <p className="fine-print">You pay once the shop has reserved the books; the total is fixed then.</p>
      </section>
    </div>
  );
}

export default function CheckoutPage() {
  usePageTitle('Checkout');
  return (
    <div className="page">
      <h1>Checkout</h1>
      <RequireSession>
        <Checkout />
      </RequireSession>
    </div>
  );
}

