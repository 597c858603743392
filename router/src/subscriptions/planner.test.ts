import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SubscriptionPlanner } from './planner.js';

const sdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { shelf(id: ID!): Shelf }
  type Shelf @key(fields: "id") { id: ID! label: String! }
  type Subscription { shelfChanged: Shelf! shelfAdded: Shelf! }`;

function planner(): SubscriptionPlanner {
  const composed = composeServices([{ name: 'shelf', url: 'http://shelf.invalid/graphql', typeDefs: parse(sdl) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return SubscriptionPlanner.fromSdl(composed.supergraphSdl);
}

describe('SubscriptionPlanner.plan', () => {
  it('plans a document and operation once, and each operation of a document for itself', () => {
    const subject = planner();
    const document = parse('subscription Changed { shelfChanged { id label } } subscription Added { shelfAdded { id } }');
    const changed = subject.plan(document, 'Changed');
    expect(changed.primary.operation).toContain('shelfChanged');
    expect(subject.plan(document, 'Changed')).toBe(changed);
    const added = subject.plan(document, 'Added');
    expect(added.primary.operation).toContain('shelfAdded');
    expect(added).not.toBe(changed);
    // Another document of the same text is planned for itself: plans are kept by document, which the graphql-ws server keeps by text.
    expect(subject.plan(parse('subscription Changed { shelfChanged { id label } }'), 'Changed')).not.toBe(changed);
  });
});
