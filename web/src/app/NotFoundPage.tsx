import { Link } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle';

export default function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <div className="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Back to the catalogue</Link>
      </p>
    </div>
  );
}
