import { Link } from 'react-router';
import { BookCover } from '../catalog/BookCover';
import { Cover } from '../ui/Cover';
import { ErrorNotice } from '../ui/ErrorNotice';
import { formatMoney, fromCents, toCents } from '../ui/format';
import { Empty, Loading } from '../ui/Loading';
import { Money } from '../ui/Money';
import { usePageTitle } from '../ui/usePageTitle';
import { cart, MAX_LINE_QUANTITY, useCart, type CartLine } from './cart';
import { useCartBooks, type CartBook } from './useCartBooks';

/** Lines priced at the catalogue's current prices, in integer cents; problems to fix before checkout. */
export function priceCart(lines: CartLine[], books: Map<string, CartBook | null>) {
  let cents = 0;
  let currency = 'USD';
  const problems: string[] = [];
  for (const line of lines) {
    const book = books.get(line.bookId);
    if (book === null) problems.push('A book in your cart is no longer in the catalogue; remove it to check out.');
    if (!book) continue;
    cents += toCents(book.price.amount) * line.quantity;
    currency = book.price.currency;
    if (book.stock < line.quantity) problems.push(book.stock === 0 ? `${book.title} is out of stock.` : `Only ${book.stock} of ${book.title} in stock.`);
  }
  return { subtotal: { amount: fromCents(cents), currency }, problems };
}

export default function CartPage() {
  usePageTitle('Cart');
  const lines = useCart();
  const { books, loading, error } = useCartBooks(lines);
  const { subtotal, problems } = priceCart(lines, books);

  if (lines.length === 0)
    return (
      <div className="page">
        <h1>Your cart</h1>
        <Empty title="Your cart is empty">
          <p>
            <Link to="/">Browse the catalogue</Link>
          </p>
        </Empty>
      </div>
    );

  return (
    <div className="page cart-page">
      <h1>Your cart</h1>
      {error ? <ErrorNotice error={error} /> : null}
      {loading && books.size === 0 && <Loading label="Checking prices and stock…" />}
      <ul className="cart-lines">
        {lines.map((line) => {
          const book = books.get(line.bookId);
          const title = book?.title ?? 'A book no longer in the catalogue';
          return (
            <li key={line.bookId} className="cart-line">
              {book ? <BookCover size="small" book={book} /> : <Cover size="small" title="?" />}
              <div className="cart-line-body">
                <p className="cart-line-title">{book ? <Link to={`/books/${book.id}`}>{title}</Link> : title}</p>
                {book && (
                  <p>
                    <Money value={book.price} /> each
                    {book.stock < line.quantity && <span className="out-of-stock"> · {book.stock === 0 ? 'out of stock' : `only ${book.stock} in stock`}</span>}
                  </p>
                )}
                <div className="cart-line-actions">
                  <label htmlFor={`quantity-${line.bookId}`}>Quantity</label>
                  <input
                    id={`quantity-${line.bookId}`}
                    type="number"
                    min={1}
                    max={Math.min(MAX_LINE_QUANTITY, Math.max(book?.stock ?? MAX_LINE_QUANTITY, 1))}
                    value={line.quantity}
                    onChange={(event) => cart.setQuantity(line.bookId, Math.max(1, Number(event.target.value) || 1))}
                  />
                  <button type="button" className="button link" onClick={() => cart.remove(line.bookId)} aria-label={`Remove ${title}`}>
                    Remove
                  </button>
                </div>
              </div>
              <p className="cart-line-total">{book ? formatMoney({ amount: fromCents(toCents(book.price.amount) * line.quantity), currency: book.price.currency }) : ''}</p>
            </li>
          );
        })}
      </ul>
      <div className="cart-summary">
        <p className="cart-subtotal">
          Subtotal: <strong>{formatMoney(subtotal)}</strong>
        </p>
        <p className="fine-print">The shop confirms prices and reserves the stock when you place the order.</p>
        {problems.length > 0 && (
          <ul className="problems" aria-label="Before you check out">
            {[...new Set(problems)].map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <Link to="/checkout" className={`button${problems.length > 0 || loading ? ' disabled' : ''}`} aria-disabled={problems.length > 0 || loading ? true : undefined} onClick={(event) => (problems.length > 0 || loading) && event.preventDefault()}>
          Check out
        </Link>
      </div>
    </div>
  );
}
