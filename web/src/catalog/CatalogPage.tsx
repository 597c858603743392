import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { memo, useDeferredValue, useEffect, useId, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { graphql } from '../gql';
import type { BookSort, CatalogPageQuery as CatalogPageData, CatalogPageQueryVariables } from '../gql/graphql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Empty, Loading } from '../ui/Loading';
import { useMediaQuery } from '../ui/useMediaQuery';
import { usePageTitle } from '../ui/usePageTitle';
import { BookCard } from './BookCard';

/** The whole page in one request: a page of books with every field the cards show, and the categories. */
const CatalogPageQuery = graphql(`
  query CatalogPage($filter: BookFilter, $sort: BookSort, $first: Int, $after: String) {
    books(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          ...BookCard_book
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
    categories {
      id
      name
    }
  }
`);

const PAGE_SIZE = 12;
const sorts: { value: BookSort; label: string }[] = [
  { value: 'RELEVANCE', label: 'Best match' },
  { value: 'TITLE', label: 'Title' },
  { value: 'PRICE_ASC', label: 'Price, low to high' },
  { value: 'PRICE_DESC', label: 'Price, high to low' },
  { value: 'NEWEST', label: 'Newest' },
];

/** The URL holds the view: ?q=&category=&author=&min=&max=&stock=1&sort= */
function variablesOf(params: URLSearchParams): CatalogPageQueryVariables {
  const filter: NonNullable<CatalogPageQueryVariables['filter']> = {};
  const q = params.get('q')?.trim();
  if (q) filter.search = q;
  if (params.get('category')) filter.categoryId = params.get('category');
  if (params.get('author')?.trim()) filter.author = params.get('author')!.trim();
  if (params.get('min')) filter.minPrice = params.get('min');
  if (params.get('max')) filter.maxPrice = params.get('max');
  if (params.get('stock') === '1') filter.inStock = true;
  const sort = sorts.find((option) => option.value === params.get('sort'))?.value;
  return { filter, first: PAGE_SIZE, ...(sort ? { sort } : {}) };
}

/** Text typed into a box reaches the URL (and so the query) once typing pauses. */
function useDebouncedParam(params: URLSearchParams, setParams: ReturnType<typeof useSearchParams>[1], name: string): [string, (value: string) => void] {
  const current = params.get(name) ?? '';
  const { pathname } = useLocation();
  const [value, setValue] = useState(current);
  useEffect(() => setValue(current), [current]);
  useEffect(() => {
    if (value === current) return;
    const timer = setTimeout(() => {
      // The shopper may have left while this page still shows: React Router renders the next page
      // in a transition while its code loads, and a late search would pull them back here.
      if (window.location.pathname !== pathname) return;
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (value.trim()) next.set(name, value);
          else next.delete(name);
          return next;
        },
        { replace: true },
      );
    }, 300);
    return () => clearTimeout(timer);
    // `current` is deliberately left out: the URL catching up must not restart the timer.
  }, [value]);
  return [value, setValue];
}

/**
 * The cards of a page of books. Memoised and fed a deferred value: when a page of books arrives,
 * Apollo's update renders the page at once (count, filters) and the cards follow in a
 * background render that React splits into short slices, so a slow phone does not freeze for
 * the whole grid (Lighthouse's total blocking time).
 */
const BookGrid = memo(function BookGrid({ edges }: { edges: CatalogPageData['books']['edges'] }) {
  return (
    <ul className="book-grid">
      {edges.map((edge) => (
        <li key={edge.node.id}>
          <BookCard book={edge.node} />
        </li>
      ))}
    </ul>
  );
});

export default function CatalogPage() {
  const [params, setParams] = useSearchParams();
  const variables = variablesOf(params);
  const { data, previousData, error, loading, networkStatus, fetchMore, refetch } = useQuery(CatalogPageQuery, { variables, notifyOnNetworkStatusChange: true });
  const shown = data ?? previousData;
  const [search, setSearch] = useDebouncedParam(params, setParams, 'q');
  const [author, setAuthor] = useDebouncedParam(params, setParams, 'author');
  const ids = { search: useId(), results: useId() };
  // Filters start open beside the results on a wide screen, folded above them on a phone.
  const wide = useMediaQuery('(min-width: 720px)');
  usePageTitle(params.get('q') ? `Search: ${params.get('q')}` : 'Catalogue');

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const books = shown?.books;
  const listed = useDeferredValue(books);
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  return (
    <div className="page catalog">
      <h1 className="visually-hidden">Catalogue</h1>
      <div className="catalog-search">
        <form role="search" onSubmit={(event) => event.preventDefault()}>
          <label htmlFor={ids.search} className="visually-hidden">
            Search books
          </label>
          <input id={ids.search} type="search" className="search-input" placeholder="Search titles, authors, descriptions" value={search} onChange={(event) => setSearch(event.target.value)} aria-controls={ids.results} autoComplete="off" />
        </form>
      </div>
      <div className="catalog-layout">
        <details className="filters" open={wide || undefined}>
          <summary className="filters-title">Filter and sort</summary>
          <div className="filters-body">
            <div className="field">
              <label htmlFor={`${ids.search}-category`}>Category</label>
              <select id={`${ids.search}-category`} value={params.get('category') ?? ''} onChange={(event) => setParam('category', event.target.value)}>
                <option value="">All categories</option>
                {shown?.categories.map((category) => (
                  <option key={category.id} value={category.id}>
                    {category.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${ids.search}-author`}>Author</label>
              <input id={`${ids.search}-author`} type="text" value={author} onChange={(event) => setAuthor(event.target.value)} autoComplete="off" />
            </div>
            <fieldset className="field price-range">
              <legend>Price</legend>
              <label htmlFor={`${ids.search}-min`}>From</label>
              <input id={`${ids.search}-min`} type="number" min="0" step="0.01" inputMode="decimal" value={params.get('min') ?? ''} onChange={(event) => setParam('min', event.target.value)} />
              <label htmlFor={`${ids.search}-max`}>to</label>
              <input id={`${ids.search}-max`} type="number" min="0" step="0.01" inputMode="decimal" value={params.get('max') ?? ''} onChange={(event) => setParam('max', event.target.value)} />
            </fieldset>
            <div className="field checkbox">
              <input id={`${ids.search}-stock`} type="checkbox" checked={params.get('stock') === '1'} onChange={(event) => setParam('stock', event.target.checked ? '1' : undefined)} />
              <label htmlFor={`${ids.search}-stock`}>In stock only</label>
            </div>
            <div className="field">
              <label htmlFor={`${ids.search}-sort`}>Sort by</label>
              <select id={`${ids.search}-sort`} value={variables.sort ?? (variables.filter?.search ? 'RELEVANCE' : 'TITLE')} onChange={(event) => setParam('sort', event.target.value)}>
                {sorts.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </details>
        <section id={ids.results} className="results" aria-label="Books" aria-busy={loading}>
          {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
          {!books && loading && <Loading label="Loading books…" />}
          {books && (
            <p className="result-count" role="status">
              {books.totalCount === 1 ? '1 book' : `${books.totalCount} books`}
              {params.get('q') ? ` for “${params.get('q')}”` : ''}
            </p>
          )}
          {listed && listed.edges.length === 0 && (
            <Empty title="No books match">
              <p>Try fewer words or fewer filters.</p>
            </Empty>
          )}
          {listed && listed.edges.length > 0 && <BookGrid edges={listed.edges} />}
          {/* Below the cards as they are on screen (deferred), so it never shows where they are about to go. */}
          {listed?.pageInfo.hasNextPage && books && (
            <p className="load-more">
              <button type="button" className="button secondary" disabled={loadingMore} onClick={() => void fetchMore({ variables: { after: books.pageInfo.endCursor } })}>
                {loadingMore ? 'Loading…' : 'Load more books'}
              </button>
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
