import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import { isAbstractType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import type { ResponseShaper } from './response-shaper.js';

/** Sends one fetch of the plan to its subgraph (the gateway's data source, so answers are recorded for a replay). */
export type SendFetch = (fetch: FetchNode, variables: Record<string, unknown>, path: ResponsePath) => Promise<GatewayGraphQLResponse>;

/** Why the executor gave up: the gateway is to answer, over the answers fetched so far. */
class GatewayAnswers extends Error {}

interface Cursor {
  path: ResponsePath;
  data: unknown;
}

/** One execution: once it has given up, branches still running send nothing more (the gateway's replay reads the record from then on). */
interface Execution {
  variables: Record<string, unknown> | undefined;
  send: SendFetch;
  stopped: boolean;
}

/**
 * Runs a query plan as @apollo/gateway's executeQueryPlan does (executeQueryPlan.ts: the same
 * fetches with the same bodies in the same order, entities merged the same way), then shapes the
 * client's answer with the operation's compiled ResponseShaper instead of building the
 * gateway's Operation and computeResponse on every request. It answers only when nothing is to
 * be reported: a subgraph error, a failed fetch, an answer of the wrong shape or a value the
 * shaper refuses makes `execute` return undefined, and the gateway answers the request over the
 * subgraph answers already recorded (SubgraphAnswers), so nothing is fetched twice.
 * Plans with @defer or data rewrites (interface objects, @fromContext) are left to the gateway.
 */
export class PlanExecutor {
  private constructor(
    private readonly root: PlanNode,
    private readonly supergraphSchema: GraphQLSchema,
    private readonly shaper: ResponseShaper,
  ) {}

  static compile(plan: QueryPlan, supergraphSchema: GraphQLSchema, shaper: ResponseShaper): PlanExecutor | undefined {
    const root = plan.node;
    if (!root || root.kind === 'Subscription' || !supported(root)) return undefined;
    return new PlanExecutor(root, supergraphSchema, shaper);
  }

  /** The client's data, or undefined when the gateway is to answer. */
  async execute(variables: Record<string, unknown> | undefined, send: SendFetch): Promise<Record<string, unknown> | undefined> {
    const data = Object.create(null) as Record<string, unknown>;
    const execution: Execution = { variables, send, stopped: false };
    try {
      await this.run(this.root, { path: [], data }, execution);
    } catch {
      execution.stopped = true;
      return undefined; // GatewayAnswers, a failed fetch, or data of a shape the gateway reports on
    }
    return this.shaper.shape(data, variables);
  }

  private async run(node: PlanNode, cursor: Cursor, execution: Execution): Promise<void> {
    switch (node.kind) {
      case 'Sequence':
        for (const child of node.nodes) await this.run(child, cursor, execution);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.run(child, cursor, execution)));
        return;
      case 'Flatten': {
        const data = flattenResultsAtPath(cursor.data, node.path);
        if (data) await this.run(node.node, { path: [...cursor.path, ...node.path], data }, execution);
        return;
      }
      case 'Fetch':
        await this.fetch(node, cursor, execution);
        return;
      case 'Condition': {
        const { variables } = execution;
        const value = variables && Object.hasOwn(variables, node.condition) && variables[node.condition] !== undefined ? variables[node.condition] : this.shaper.variableDefaults[node.condition];
        if (typeof value !== 'boolean') throw new GatewayAnswers();
        const branch = value ? node.ifClause : node.elseClause;
        if (branch) await this.run(branch, cursor, execution);
        return;
      }
      case 'Defer':
        throw new GatewayAnswers();
    }
  }

  /** executeFetch: a root fetch merged into the data, or an entity fetch of the representations its `requires` selects. */
  private async fetch(fetch: FetchNode, cursor: Cursor, execution: Execution): Promise<void> {
    const { variables } = execution;
    const send = (fetchVariables: Record<string, unknown>) => {
      if (execution.stopped) throw new GatewayAnswers();
      return execution.send(fetch, fetchVariables, cursor.path);
    };
    const entities = Array.isArray(cursor.data) ? (cursor.data as unknown[]).filter((entity) => entity !== null && entity !== undefined) : [cursor.data];
    if (entities.length < 1) return;
    const fetchVariables = Object.create(null) as Record<string, unknown>;
    for (const name of fetch.variableUsages ?? []) {
      if (variables && Object.hasOwn(variables, name) && variables[name] !== undefined) fetchVariables[name] = variables[name];
    }
    if (!fetch.requires) {
      const data = dataOf(await send(fetchVariables));
      for (const entity of entities) deepMerge(entity as Record<string, unknown>, data);
      return;
    }
    const representations: Record<string, unknown>[] = [];
    const owners: Record<string, unknown>[] = [];
    for (const entity of entities) {
      const representation = selectionOf(this.supergraphSchema, entity as Record<string, unknown> | null, fetch.requires);
      if (representation?.['__typename']) {
        representations.push(representation);
        owners.push(entity as Record<string, unknown>);
      }
    }
    if (representations.length < 1) return;
    if ('representations' in fetchVariables) throw new GatewayAnswers();
    const data = dataOf(await send({ ...fetchVariables, representations }));
    if (!data) return;
    const received = data['_entities'];
    if (!Array.isArray(received) || received.length !== representations.length) throw new GatewayAnswers();
    for (let i = 0; i < received.length; i++) {
      const entity = received[i] as Record<string, unknown> | null;
      if (entity && !entity['__typename']) entity['__typename'] = owners[i]!['__typename'];
      deepMerge(owners[i]!, entity);
    }
  }
}

function supported(node: PlanNode): boolean {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return node.nodes.every(supported);
    case 'Flatten':
      return supported(node.node);
    case 'Fetch':
      return !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length && (!node.requires || plainKeys(node.requires));
    case 'Condition':
      return (!node.ifClause || supported(node.ifClause)) && (!node.elseClause || supported(node.elseClause));
    case 'Defer':
      return false;
  }
}

/** Representations are plain objects (JSON.stringify is faster on them than on Object.create(null) dictionaries), so none of their keys may be one they inherit. */
function plainKeys(selections: readonly QueryPlanSelectionNode[]): boolean {
  return selections.every((selection) => (selection.kind === 'Field' ? !((selection.alias ?? selection.name) in Object.prototype) && (!selection.selections || plainKeys(selection.selections)) : plainKeys(selection.selections)));
}

/** A subgraph's data, when it answered without errors. */
function dataOf(response: GatewayGraphQLResponse): Record<string, unknown> | undefined {
  if (response.errors?.length) throw new GatewayAnswers();
  return (response.data ?? undefined) as Record<string, unknown> | undefined;
}

/**
 * flattenResultsAtPath: the value at a plan path, or with `@` (every element of a list) the values
 * flattened as the gateway's nested flatMaps flatten them, collected into one list.
 */
function flattenResultsAtPath(value: unknown, path: ResponsePath): unknown {
  const list = path.indexOf('@');
  const head = valueAt(value, path, 0, list < 0 ? path.length : list);
  if (list < 0 || head === undefined || head === null) return head;
  const values: unknown[] = [];
  collect(head, path, list, values);
  return values;
}

/** Steps down the object fields of `path[from..to)`; null or undefined stop it. */
function valueAt(value: unknown, path: ResponsePath, from: number, to: number): unknown {
  for (let i = from; i < to && value !== undefined && value !== null; i++) {
    const key = path[i];
    if (typeof key !== 'string' || Array.isArray(value)) throw new GatewayAnswers();
    const object = value as Record<string, unknown>;
    value = Object.hasOwn(object, key) ? object[key] : undefined;
  }
  return value;
}

/** `value` at `path[at] === '@'`: each element followed down the rest of the path into `into`. */
function collect(value: unknown, path: ResponsePath, at: number, into: unknown[]): void {
  if (!Array.isArray(value)) throw new GatewayAnswers();
  const next = path.indexOf('@', at + 1);
  const end = next < 0 ? path.length : next;
  for (const element of value as unknown[]) {
    const reached = valueAt(element, path, at + 1, end);
    if (next < 0 || reached === undefined || reached === null) {
      if (Array.isArray(reached)) into.push(...(reached as unknown[]));
      else into.push(reached);
    } else collect(reached, path, next, into);
  }
}

/** executeSelectionSet: an entity's representation, the fields `requires` selects, or null when one is missing. */
function selectionOf(schema: GraphQLSchema, source: Record<string, unknown> | null, selections: readonly QueryPlanSelectionNode[]): Record<string, unknown> | null {
  if (source === null) return null;
  const result: Record<string, unknown> = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const value = Object.hasOwn(source, responseName) ? source[responseName] : undefined;
      if (value === undefined) return null;
      const nested = selection.selections;
      if (Array.isArray(value)) result[responseName] = value.map((element: unknown) => (nested ? selectionOf(schema, element as Record<string, unknown> | null, nested) : element));
      else result[responseName] = nested ? selectionOf(schema, value as Record<string, unknown> | null, nested) : value;
    } else if (selection.typeCondition && isObjectOfType(schema, source, selection.typeCondition)) {
      deepMerge(result, selectionOf(schema, source, selection.selections));
    }
  }
  return result;
}

/** dataRewrites' isObjectOfType, in the supergraph schema. */
function isObjectOfType(schema: GraphQLSchema, object: Record<string, unknown>, typeCondition: string): boolean {
  const typename = object['__typename'];
  if (!typename) return false;
  if (typename === typeCondition) return true;
  const type = schema.getType(typename as string);
  const condition = schema.getType(typeCondition);
  if (!type || !condition || !isAbstractType(condition)) return false;
  return (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(condition, type);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The gateway's deepMerge: objects merged key by key, lists of the same length element by element. */
function deepMerge(target: Record<string, unknown>, source: Record<string, unknown> | null | undefined): Record<string, unknown> {
  if (source === undefined || source === null) return target;
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (value === undefined) continue;
    // A key the target only inherits (`constructor` on a parsed object) becomes its own first.
    if (!Object.hasOwn(target, key) && key in target) Object.defineProperty(target, key, { configurable: true, enumerable: true, value: undefined, writable: true });
    const existing = target[key];
    if (existing && isObject(value)) deepMerge(existing as Record<string, unknown>, value);
    else if (Array.isArray(value) && Array.isArray(existing) && value.length === existing.length) {
      for (let i = 0; i < value.length; i++) {
        if (isObject(existing[i]) && isObject(value[i])) deepMerge(existing[i] as Record<string, unknown>, value[i] as Record<string, unknown>);
        else existing[i] = value[i];
      }
    } else target[key] = value;
  }
  return target;
}
