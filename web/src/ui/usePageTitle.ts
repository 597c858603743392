import { useEffect } from 'react';

/** The document title names the page (announced by screen readers on navigation). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Bookstore` : 'Bookstore';
  }, [title]);
}
