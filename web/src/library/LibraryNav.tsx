import { NavLink } from 'react-router';

/** Between the member's library pages. */
export function LibraryNav() {
  return (
    <nav aria-label="Library" className="sub-nav">
      <ul>
        <li>
          <NavLink to="/library/loans">Loans</NavLink>
        </li>
        <li>
          <NavLink to="/library/holds">Holds</NavLink>
        </li>
      </ul>
    </nav>
  );
}
