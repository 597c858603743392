import { getFragmentData, graphql, type FragmentType } from '../gql';
import { Cover } from '../ui/Cover';

export const BookCoverFragment = graphql(`
  fragment BookCover_book on Book {
    title
    coverUrl
    authors {
      id
      name
    }
    categories {
      id
      name
    }
  }
`);

/** A book's cover: its image, or one drawn from its title, first author and first category. */
export function BookCover(props: { book: FragmentType<typeof BookCoverFragment>; size?: 'small' | 'medium' | 'large' }) {
  const book = getFragmentData(BookCoverFragment, props.book);
  return <Cover size={props.size} title={book.title} author={book.authors[0]?.name} category={book.categories[0]?.name} coverUrl={book.coverUrl} />;
}
