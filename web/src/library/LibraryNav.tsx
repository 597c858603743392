import { SubNav } from '../ui/SubNav';

const links = [
  { to: '/library/loans', label: 'Loans' },
  { to: '/library/holds', label: 'Holds' },
];

/** Between the member's library pages. */
export function LibraryNav() {
  return <SubNav label="Library" links={links} />;
}
