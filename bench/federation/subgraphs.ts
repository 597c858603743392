// The four subgraphs of The Guild's gateway benchmark ("federation" scenario), as Federation 2
// SDL that composes to the same supergraph as theirs (federation/gateways/hive-gateway/supergraph.graphql
// in github.com/graphql-hive/graphql-gateways-benchmark), with resolvers over the same data.
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { INVENTORY, PRODUCTS, REVIEW_AUTHOR_ID, REVIEW_AUTHOR_USERNAME, REVIEWS, USER_REVIEWS, USERS, type Review } from './data.js';

export const SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const LINK = '@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';

export const TYPE_DEFS: Record<SubgraphName, string> = {
  accounts: `extend schema ${LINK}
    type Query {
      me: User
      user(id: ID!): User
      users: [User]
    }
    type User @key(fields: "id") {
      id: ID!
      name: String
      # Shareable because reviews provides it; the benchmark's Federation 1 subgraphs are implicitly so.
      username: String @shareable
      birthday: Int
    }`,
  inventory: `extend schema ${LINK}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }`,
  products: `extend schema ${LINK}
    type Query {
      topProducts(first: Int = 5): [Product]
    }
    type Product @key(fields: "upc") {
      upc: String!
      name: String
      price: Int
      weight: Int
    }`,
  reviews: `extend schema ${LINK}
    type Review @key(fields: "id") {
      id: ID!
      body: String
      product: Product
      author: User @provides(fields: "username")
    }
    type User @key(fields: "id") {
      id: ID!
      username: String @external
      reviews: [Review]
    }
    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review]
    }`,
};

/** What the inventory subgraph resolves a Product to: its own row plus the @requires fields it was sent. */
interface InventoryProduct {
  upc: string;
  inStock: boolean | null;
  sent: { price: unknown; weight: unknown };
}

const RESOLVERS: Record<SubgraphName, GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => USERS.find((u) => u.id === id) ?? null,
      users: () => USERS,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => USERS.find((u) => u.id === id) ?? null,
    },
  },
  inventory: {
    Product: {
      __resolveReference: (ref: { upc: string; price?: unknown; weight?: unknown }): InventoryProduct => ({
        upc: ref.upc,
        inStock: INVENTORY.find((p) => p.upc === ref.upc)?.inStock ?? null,
        sent: { price: ref.price, weight: ref.weight },
      }),
      shippingEstimate: (product: InventoryProduct) => {
        // A gateway that skips @requires would still get the benchmark's (null) answer, so the
        // representation is checked: price and weight must have come from the products subgraph.
        if (typeof product.sent.price !== 'number' || typeof product.sent.weight !== 'number') {
          throw new GraphQLError('shippingEstimate needs price and weight (@requires) in the representation');
        }
        // The benchmark's Rust subgraph answers from its own inventory row, which holds neither
        // price nor weight, so its shippingEstimate is always null; kept for identical responses.
        return null;
      },
    },
  },
  products: {
    Query: {
      topProducts: (_: unknown, { first }: { first?: number | null }) => PRODUCTS.slice(0, first ?? 5),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((p) => p.upc === upc) ?? null,
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => REVIEWS.find((r) => r.id === id) ?? null,
      product: (review: Review) => ({ upc: review.productUpc }),
      author: () => ({ id: REVIEW_AUTHOR_ID, username: REVIEW_AUTHOR_USERNAME }),
    },
    User: {
      // The benchmark's subgraph answers "user" for an entity's (external) username; never selected.
      __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
      reviews: () => USER_REVIEWS,
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
      reviews: ({ upc }: { upc: string }) => REVIEWS.filter((r) => r.productUpc === upc),
    },
  },
};

export function subgraphSchema(name: SubgraphName): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: parse(TYPE_DEFS[name]), resolvers: RESOLVERS[name] }]);
}

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}
