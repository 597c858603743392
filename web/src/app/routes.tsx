import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { Loading } from '../ui/Loading';
import CatalogPage from '../catalog/CatalogPage';
import Layout from './Layout';
import { RouteErrorBoundary } from './RouteError';

/** A page in its own chunk, loaded when its route is first visited. */
const page = (load: () => Promise<{ default: ComponentType }>): ComponentType => lazy(load);

/**
 * Every page and its URL. Feature folders own their pages.
 */
export const pages: Record<string, ComponentType> = {
  // The front page comes with the first load: no second round trip before the catalogue query starts.
  '/': CatalogPage,
  '/books/:id': page(() => import('../book/BookPage')),
  '/cart': page(() => import('../cart/CartPage')),
  '/checkout': page(() => import('../checkout/CheckoutPage')),
  '/orders/:id': page(() => import('../checkout/OrderPage')),
  '/sign-in': page(() => import('../account/SignInPage')),
  '/sign-up': page(() => import('../account/SignUpPage')),
  '/account': page(() => import('../account/AccountPage')),
  '/account/orders': page(() => import('../account/MyOrdersPage')),
  '/account/payments': page(() => import('../account/MyPaymentsPage')),
  '/account/reviews': page(() => import('../account/MyReviewsPage')),
  '/library/loans': page(() => import('../library/MyLoansPage')),
  '/library/holds': page(() => import('../library/MyHoldsPage')),
  '/staff': page(() => import('../staff/StaffHomePage')),
  '/staff/books/new': page(() => import('../staff/BookEditorPage')),
  '/staff/books/:id': page(() => import('../staff/BookEditorPage')),
  '/staff/loans': page(() => import('../staff/LoansDeskPage')),
  '/staff/orders': page(() => import('../staff/OrdersAdminPage')),
  '/staff/users': page(() => import('../staff/UsersAdminPage')),
  '/staff/payments': page(() => import('../staff/PaymentsAdminPage')),
  '/staff/reviews': page(() => import('../staff/ReviewsModerationPage')),
  '*': page(() => import('./NotFoundPage')),
};

/**
 * React Router's declarative routes with React.lazy pages: the data router's loaders and
 * actions would serve nothing here (Apollo fetches), and leaving them out keeps about 15 KB of
 * gzipped JavaScript off the first load.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {Object.entries(pages).map(([path, Page]) => (
          <Route
            key={path}
            path={path}
            element={
              <RouteErrorBoundary>
                <Suspense fallback={<Loading label="Loading page…" />}>
                  <Page />
                </Suspense>
              </RouteErrorBoundary>
            }
          />
        ))}
      </Route>
    </Routes>
  );
}
