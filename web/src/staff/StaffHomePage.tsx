import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRole } from '../client/ApiProvider';
import { graphql } from '../gql';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Loading } from '../ui/Loading';
import { Page } from '../ui/Page';

const StaffBooksQuery = graphql(`
  query StaffBooks($search: String) {
    books(filter: { search: $search }, first: 20) {
      totalCount
      edges {
        node {
          id
          title
          stock
          authors {
            id
            name
          }
          availability {
            totalCopies
            availableCopies
          }
        }
      }
    }
  }
`);

/**
 * The staff's start page: the desks by role, and a book finder leading to each book's editor
 * (price, stock, lending copies) and to the desk (lending it, its holds queue).
 */
function StaffHome() {
  const role = useRole();
  const [search, setSearch] = useState('');
  const { data, loading, error } = useQuery(StaffBooksQuery, { variables: { search: search.trim() || null } });
  return (
    <>
      <ul className="tiles">
        <li>
          <Link className="tile" to="/staff/books/new">
            <strong>Add a book</strong>
            Title, authors, price, stock and categories.
          </Link>
        </li>
        <li>
          <Link className="tile" to="/staff/loans">
            <strong>Loans desk</strong>
            Lend to members, holds queues, loans out and overdue; take returns.
          </Link>
        </li>
        <li>
          <Link className="tile" to="/staff/reviews">
            <strong>Reviews</strong>
            Every review, newest first; delete what breaks the rules.
          </Link>
        </li>
        {role === 'ADMIN' && (
          <>
            <li>
              <Link className="tile" to="/staff/orders">
                <strong>Orders</strong>
                By status; ship, deliver and refund.
              </Link>
            </li>
            <li>
              <Link className="tile" to="/staff/users">
                <strong>Users</strong>
                Accounts: names, emails, usernames and roles.
              </Link>
            </li>
            <li>
              <Link className="tile" to="/staff/payments">
                <strong>Payments</strong>
                By status; refunds.
              </Link>
            </li>
          </>
        )}
      </ul>
      <section aria-labelledby="find-title">
        <h2 id="find-title">Books</h2>
        <div className="field">
          <label htmlFor="staff-search">Find a book to edit, restock or lend</label>
          <input id="staff-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        {loading && !data && <Loading />}
        <ErrorNotice error={error} />
        {data && (
          <div className="table-scroll">
            <table className="list-table">
              <caption className="visually-hidden">Books found</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">In stock</th>
                  <th scope="col">Lending copies free</th>
                  <th scope="col">Library desk</th>
                </tr>
              </thead>
              <tbody>
                {data.books.edges.map(({ node: book }) => (
                  <tr key={book.id}>
                    <td>
                      <Link to={`/staff/books/${book.id}`}>{book.title}</Link>
                      <span className="fine-print"> {book.authors.map((author) => author.name).join(', ')}</span>
                    </td>
                    <td>{book.stock}</td>
                    <td>
                      {book.availability.availableCopies} of {book.availability.totalCopies}
                    </td>
                    <td>
                      <Link to={`/staff/loans?book=${book.id}`} aria-label={`Desk: lend or see holds of ${book.title}`}>
                        Desk
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export default function StaffHomePage() {
  return (
    <Page title="Staff" roles={['LIBRARIAN', 'ADMIN']}>
      <StaffHome />
    </Page>
  );
}
