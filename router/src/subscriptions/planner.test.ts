import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { shelfSupergraphSdl } from '../../test/shelf-graph.js';
import { SubscriptionPlanner } from './planner.js';

describe('SubscriptionPlanner.plan', () => {
  it('plans a document and operation once, and each operation of a document for itself', () => {
    const subject = SubscriptionPlanner.fromSdl(shelfSupergraphSdl());
    const document = parse('subscription Ids { shelfChanged { id } } subscription Labels { shelfChanged { label } }');
    const ids = subject.plan(document, 'Ids');
    expect(ids.primary.operation).toContain('shelfChanged');
    expect(subject.plan(document, 'Ids')).toBe(ids);
    const labels = subject.plan(document, 'Labels');
    expect(labels.primary.operation).toContain('label');
    expect(labels).not.toBe(ids);
    // Another document of the same text is planned for itself: plans are kept by document, which the graphql-ws server keeps by text.
    expect(subject.plan(parse('subscription Ids { shelfChanged { id } }'), 'Ids')).not.toBe(ids);
  });
});
