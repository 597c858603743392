import { describe, expect, it } from 'vitest';
import type { TargetKind } from '@bookstore/subgraph-runtime/testing';
import { gql, useHarness } from '@bookstore/testing-base';

export interface EntityProbe {
  /** A representation the subgraph must resolve, e.g. `{ __typename: 'Book', id }`. */
  representation: Record<string, unknown> & { __typename: string };
  /** A field selection on that type and the value it must have, e.g. `['title', 'Emma']`. */
  expect: [field: string, value: unknown];
  /** That field's value for an id the subgraph never issued; default: the entity is null. */
  unknown?: unknown;
}

export interface SubgraphContractOptions {
  name: string;
  /** The running subgraph's base URL (read lazily: servers start in beforeAll). */
  url: () => string;
  /** Every `@key` entity the subgraph owns or extends, with a probe to resolve. */
  entities: () => EntityProbe[];
}

/**
 * The suite every subgraph passes (Apollo's subgraph compatibility checks, in small):
 * `_service { sdl }`, `_entities` for each key, the error shape, and the health endpoints.
 */
export function describeSubgraphContract(options: SubgraphContractOptions): void {
  describe(`${options.name} subgraph contract`, () => {
    it('publishes its SDL with federation keys through _service', async () => {
      const res = await gql(options.url(), '{ _service { sdl } }');
      expect(res.errors).toBeUndefined();
      expect(res.data?._service.sdl).toMatch(/@key\(fields: "id"\)/);
    });

    it('resolves every entity through _entities, and unknown ones to null or the stand-in the probe names', async () => {
      for (const probe of options.entities()) {
        const [field, value] = probe.expect;
        const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${probe.representation.__typename} { ${field} } } }`;
        const unknown = { ...probe.representation, id: '00000000-0000-4000-8000-000000000000' };
        const res = await gql(options.url(), query, { r: [probe.representation, unknown] });
        expect(res.errors, probe.representation.__typename).toBeUndefined();
        expect(res.data?._entities).toEqual([{ [field]: value }, 'unknown' in probe ? { [field]: probe.unknown } : null]);
      }
    });

    it('answers a bad query with a coded error naming what was wrong', async () => {
      const res = await gql(options.url(), '{ noSuchField }');
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors?.[0]?.message).toMatch(/noSuchField/);
    });

    it('answers caller mistakes with client codes: representations it cannot resolve, a subscription over HTTP', async () => {
      const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
      for (const r of [[{ __typename: 'NoSuchType', id: '1' }], [{ id: '1' }], [[1]], 0]) {
        const res = await gql(options.url(), query, { r });
        expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.['field']]), JSON.stringify(r)).toEqual([['BAD_USER_INPUT', 'representations[0]']]);
      }
      // Not a subscription field here (a validation error), or no Subscription type at all (graphql 16 validates nothing then).
      const subscription = await gql(options.url(), 'subscription { anything }');
      expect(subscription.status).toBe(400);
      expect(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']).toContain(subscription.errors?.[0]?.extensions?.code);
    });

    it('answers /health and /ready', async () => {
      expect((await fetch(`${options.url()}/health`)).status).toBe(200);
      expect((await fetch(`${options.url()}/ready`)).status).toBe(200);
    });
  });
}

/**
 * A subgraph's contract file, run on both stacks (PostgreSQL with Redis, as services mode runs;
 * PGlite with in-process messaging, as embedded mode runs): a harness per stack, the subgraph's
 * own `tests`, which add a probe for each entity it owns, then the suite every subgraph passes.
 */
export function describeContractOnBothStacks<H extends { url: string; stop(): Promise<void> }>(
  name: string,
  start: (kind: TargetKind) => Promise<H>,
  tests: (harness: H, probes: EntityProbe[], kind: TargetKind) => void,
): void {
  describe.each<TargetKind>(['postgres', 'pglite'])(`${name} on %s`, (kind) => {
    const harness = useHarness(() => start(kind));
    const probes: EntityProbe[] = [];
    tests(harness, probes, kind);
    describeSubgraphContract({ name: `${name} on ${kind}`, url: () => harness.url, entities: () => probes });
  });
}
