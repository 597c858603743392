import { Component, type ReactNode } from 'react';
import { Link } from 'react-router';

/** A page that failed (its chunk gone after a deploy, a render error): say so and offer a way on. */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page">
        <h1>This page could not be shown</h1>
        <p>Reload the page to try again; the shop may have been updated meanwhile.</p>
        <p>
          <Link to="/" reloadDocument>
            Back to the catalogue
          </Link>
        </p>
      </div>
    );
  }
}
