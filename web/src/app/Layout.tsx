import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigationType } from 'react-router';
import { useRole, useSession } from '../client/ApiProvider';
import { useCartCount } from '../cart/cart';

// The live library feed loads with the subscription client, after the page, and only for members.
const LibraryUpdatesFeed = lazy(() => import('../library/LibraryUpdatesFeed'));

/** The frame of every page: skip link, header with navigation, the page, and a footer. */
export default function Layout() {
  const session = useSession();
  const role = useRole();
  const count = useCartCount();
  const location = useLocation();
  const navigationType = useNavigationType();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a client-side navigation, focus moves to the new page (as a page load would), so
  // keyboard and screen reader users start at its content rather than the link they left.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page starts at its top; back and forward keep the browser's own scroll position.
    if (navigationType === 'PUSH') window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              ❦
            </span>{' '}
            Bookstore
          </Link>
          <nav aria-label="Main">
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  Catalogue
                </NavLink>
              </li>
              {session.status === 'signed-in' && (
                <>
                  <li>
                    <NavLink to="/account/orders">Orders</NavLink>
                  </li>
                  <li>
                    <NavLink to="/library/loans">Loans</NavLink>
                  </li>
                </>
              )}
              {(role === 'LIBRARIAN' || role === 'ADMIN') && (
                <li>
                  <NavLink to="/staff">Staff</NavLink>
                </li>
              )}
              <li>
                {session.status === 'signed-in' ? (
                  <NavLink to="/account" end>
                    Account
                  </NavLink>
                ) : session.status === 'restoring' ? (
                  <span className="nav-placeholder">Account</span>
                ) : (
                  <NavLink to="/sign-in">Sign in</NavLink>
                )}
              </li>
              <li>
                <NavLink to="/cart" aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}>
                  Cart <span className="badge">{count}</span>
                </NavLink>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      {session.status === 'signed-in' && (
        <Suspense fallback={null}>
          {/* Keyed by the user: signing in as someone else starts a new feed and forgets the old one. */}
          <LibraryUpdatesFeed key={session.user.id} />
        </Suspense>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          A bookshop and lending library on a GraphQL supergraph. Developers: <a href="/graphql">Apollo Sandbox</a>.
        </p>
      </footer>
    </>
  );
}
