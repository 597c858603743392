import { getFragmentData, graphql, type FragmentType } from '../gql';
import { Stars } from '../ui/Stars';

export const RatingDistributionFragment = graphql(`
  fragment RatingDistribution_book on Book {
    rating {
      average
      count
      distribution
    }
  }
`);

/** The average and how many readers gave each number of stars (distribution[0] is one star). */
export function RatingDistribution(props: { book: FragmentType<typeof RatingDistributionFragment> }) {
  const { rating } = getFragmentData(RatingDistributionFragment, props.book);
  if (rating.count === 0) return <p>No ratings yet.</p>;
  const most = Math.max(1, ...rating.distribution);
  return (
    <div className="rating-distribution">
      <p>
        <Stars rating={rating.average} count={rating.count} /> {rating.average?.toFixed(1)} out of 5
      </p>
      <table className="distribution">
        <caption className="visually-hidden">Ratings by number of stars</caption>
        <tbody>
          {[5, 4, 3, 2, 1].map((stars) => {
            const count = rating.distribution[stars - 1] ?? 0;
            return (
              <tr key={stars}>
                <th scope="row">{stars} {stars === 1 ? 'star' : 'stars'}</th>
                <td className="bar-cell">
                  <span className="bar" style={{ width: `${(count / most) * 100}%` }} aria-hidden="true" />
                </td>
                <td className="bar-count">{count}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
