// The operation of The Guild's gateway benchmark (k6.js in github.com/graphql-hive/graphql-gateways-benchmark):
// four subgraphs, nested entity jumps in both directions, about 87 KB of JSON per response.
import { INVENTORY, PRODUCTS, REVIEW_AUTHOR_ID, REVIEW_AUTHOR_USERNAME, REVIEWS, USER_REVIEWS, USERS, type Review } from './data.js';

/**
 * A product's reviews with their authors and the authors' reviewed products, the nesting the
 * operation asks for twice (below users' products and below topProducts), at `depth` levels of
 * two-space indentation.
 */
function reviewsWithAuthors(depth: number): string {
  const pad = '  '.repeat(depth);
  return [
    'reviews {',
    '  ...Review',
    '  author {',
    '    ...User',
    '    reviews {',
    '      ...Review',
    '      product {',
    '        ...Product',
    '      }',
    '    }',
    '  }',
    '}',
  ]
    .map((line) => pad + line)
    .join('\n');
}

export const TEST_QUERY = `fragment User on User {
  id
  username
  name
}

fragment Review on Review {
  id
  body
}

fragment Product on Product {
  inStock
  name
  price
  shippingEstimate
  upc
  weight
}

query TestQuery {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
${reviewsWithAuthors(4)}
      }
    }
  }
  topProducts {
    ...Product
${reviewsWithAuthors(2)}
  }
}`;

/**
 * TestQuery's answer computed straight from the data, without any gateway: the reference every
 * gateway's response must deep-equal. `shippingEstimate` is null throughout, as in the benchmark's
 * own expected response: its inventory subgraph resolves the entity from its own table, which
 * holds no price or weight.
 */
export function expectedTestQueryResult(): unknown {
  const product = (upc: string) => {
    const p = PRODUCTS.find((x) => x.upc === upc)!;
    const stock = INVENTORY.find((x) => x.upc === upc)!;
    return { inStock: stock.inStock, name: p.name, price: p.price, shippingEstimate: null, upc: p.upc, weight: p.weight };
  };
  const user = (id: string) => {
    const u = USERS.find((x) => x.id === id)!;
    return { id: u.id, username: u.username, name: u.name };
  };
  const author = () => ({
    ...user(REVIEW_AUTHOR_ID),
    username: REVIEW_AUTHOR_USERNAME,
    reviews: USER_REVIEWS.map((r) => ({ id: r.id, body: r.body, product: product(r.productUpc) })),
  });
  const reviewsOf = (upc: string): Review[] => REVIEWS.filter((r) => r.productUpc === upc);
  return {
    data: {
      users: USERS.map((u) => ({
        ...user(u.id),
        reviews: USER_REVIEWS.map((r) => ({
          id: r.id,
          body: r.body,
          product: { ...product(r.productUpc), reviews: reviewsOf(r.productUpc).map((pr) => ({ id: pr.id, body: pr.body, author: author() })) },
        })),
      })),
      topProducts: PRODUCTS.slice(0, 5).map((p) => ({
        ...product(p.upc),
        reviews: reviewsOf(p.upc).map((r) => ({ id: r.id, body: r.body, author: author() })),
      })),
    },
  };
}
