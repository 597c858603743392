import {
  getNamedType,
  GraphQLString,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  typeFromAST,
  valueFromAST,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** A `@skip`/`@include` argument: a literal, or the variable it reads. */
type IfArgument = boolean | { variable: string };

interface Conditions {
  skip?: IfArgument;
  include?: IfArgument;
}

interface ShapedField extends Conditions {
  kind: 'field';
  responseName: string;
  /** `__typename`, answered from the data's own type name or the parent type. */
  typename: boolean;
  type: GraphQLOutputType;
  selections: Shaped[] | undefined;
}

interface ShapedFragment extends Conditions {
  kind: 'fragment';
  typeCondition: GraphQLCompositeType | undefined;
  selections: Shaped[];
  /** Whether the condition holds for an object of the given type name, worked out once per name. */
  appliesTo: Map<string, boolean>;
}

type Shaped = ShapedField | ShapedFragment;

/** Why the shaper gave up: the gateway is to answer (it reports what the shaper only noticed). */
class NotShapeable extends Error {}

/**
 * The client's answer made from the merged subgraph data, as the gateway's computeResponse makes
 * it (@apollo/gateway resultShaping.ts), for one operation compiled once: its selections with
 * their response names, types, `@skip`/`@include` arguments and fragments' type conditions are
 * looked up in the API schema when the operation is first seen, not on every object of every
 * request. Only the answer without anything to report is made here: a null in a non-null
 * position, a value its type does not allow, an unknown `__typename` or a `@skip`/`@include`
 * variable that is not a boolean make `shape` return undefined, and the gateway answers (with its
 * errors and its nulling). router/test/fast-path.e2e.ts compares both on a corpus.
 */
export class ResponseShaper {
  private constructor(
    private readonly schema: GraphQLSchema,
    private readonly root: Shaped[],
    private readonly rootType: GraphQLCompositeType,
    /** The operation's variables with a default value, as the defaults (what `@skip`/`@include` and plan conditions read when a variable is not given). */
    readonly variableDefaults: Record<string, unknown>,
  ) {}

  /** Undefined for what it does not shape (introspection beyond `__typename`, subscriptions, mutations). */
  static compile(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): ResponseShaper | undefined {
    const rootType = operation.operation === 'query' ? schema.getQueryType() : undefined;
    if (!rootType) return undefined;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const defaults: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const definition of operation.variableDefinitions ?? []) {
      const type = typeFromAST(schema, definition.type);
      if (definition.defaultValue && type) defaults[definition.variable.name.value] = valueFromAST(definition.defaultValue, type as never);
    }
    try {
      return new ResponseShaper(schema, compileSelections(schema, operation.selectionSet, rootType, fragments), rootType, defaults);
    } catch (error) {
      if (error instanceof NotShapeable) return undefined;
      throw error;
    }
  }

  /** The client's data, or undefined when the gateway is to answer. */
  shape(input: Record<string, unknown>, variables: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    const values = variables ? { ...this.variableDefaults, ...variables } : this.variableDefaults;
    const output: Record<string, unknown> = {};
    try {
      this.applySelections(input, this.root, output, this.rootType, values);
    } catch (error) {
      if (error instanceof NotShapeable) return undefined;
      throw error;
    }
    return output;
  }

  private applySelections(input: Record<string, unknown>, selections: Shaped[], output: Record<string, unknown>, parentType: GraphQLCompositeType, variables: Record<string, unknown>): void {
    for (const selection of selections) {
      if (skipped(selection, variables)) continue;
      if (selection.kind === 'fragment') {
        if (this.applies(selection, input['__typename'], parentType)) this.applySelections(input, selection.selections, output, selection.typeCondition ?? parentType, variables);
        continue;
      }
      const { responseName } = selection;
      const existing = output[responseName];
      if (selection.typename) {
        if (existing === undefined) output[responseName] = this.typenameOf(input, responseName, parentType);
        continue;
      }
      const value = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
      output[responseName] = this.complete(existing, selection.type, value, selection.selections, variables);
    }
  }

  /** updateOutputValue's happy path: a value of `type`, merged into what an earlier selection of the same name made. */
  private complete(existing: unknown, type: GraphQLOutputType, value: unknown, selections: Shaped[] | undefined, variables: Record<string, unknown>): unknown {
    if (existing === null || (existing !== undefined && !selections)) return existing;
    if (isNonNullType(type)) {
      const completed = this.complete(existing, type.ofType, value, selections, variables);
      if (completed === null) throw new NotShapeable();
      return completed;
    }
    if (value === null) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) throw new NotShapeable();
      const outputs = existing === undefined ? undefined : (existing as unknown[]);
      if (outputs && outputs.length !== value.length) throw new NotShapeable();
      const list = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) list[i] = this.complete(outputs?.[i], type.ofType, value[i], selections, variables);
      return list;
    }
    if (isCompositeType(type)) {
      if (typeof value !== 'object' || !selections) throw new NotShapeable();
      const object = value as Record<string, unknown>;
      const typename = object['__typename'];
      let objectType: GraphQLCompositeType = type;
      if (typename !== undefined) {
        const named = typeof typename === 'string' && typename ? this.schema.getType(typename) : undefined;
        if (!named || !isCompositeType(named)) throw new NotShapeable();
        objectType = named;
      }
      const output = existing === undefined ? {} : (existing as Record<string, unknown>);
      this.applySelections(object, selections, output, objectType, variables);
      return output;
    }
    // A leaf met again (an earlier selection of the same name) returned above.
    if (!isValidLeafValue(type, value)) throw new NotShapeable();
    return value;
  }

  private typenameOf(input: Record<string, unknown>, responseName: string, parentType: GraphQLCompositeType): string {
    let value = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
    if (value === null && responseName !== '__typename') value = input['__typename'] ?? null;
    const type = typeof value === 'string' ? (this.schema.getType(value) ?? parentType) : parentType;
    if (!isObjectType(type)) throw new NotShapeable();
    return type.name;
  }

  /** typeConditionApplies: the object's own type (its `__typename`) or else the parent type must be a subtype of the condition. */
  private applies(fragment: ShapedFragment, typename: unknown, parentType: GraphQLCompositeType): boolean {
    const condition = fragment.typeCondition;
    if (!condition) return true;
    if (typename !== undefined && typeof typename !== 'string') throw new NotShapeable();
    const name = typename || parentType.name;
    let applies = fragment.appliesTo.get(name);
    if (applies === undefined) {
      const type = typename ? this.schema.getType(typename) : parentType;
      applies = !!type && (type.name === condition.name || (isAbstractType(condition) && isCompositeType(type) && this.schema.isSubType(condition, type as never)));
      fragment.appliesTo.set(name, applies);
    }
    return applies;
  }
}

function compileSelections(schema: GraphQLSchema, selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, fragments: Map<string, FragmentDefinitionNode>): Shaped[] {
  const shaped: Shaped[] = [];
  for (const selection of selectionSet.selections) {
    const conditions = conditionsOf(selection.directives);
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const responseName = selection.alias?.value ?? name;
      // Answers are plain objects (fast properties for V8 and JSON.stringify, where the gateway's
      // Object.create(null) objects are dictionaries), so no response name may be one they inherit.
      if (responseName in Object.prototype) throw new NotShapeable();
      if (name === '__typename') {
        shaped.push({ kind: 'field', responseName, typename: true, type: GraphQLString, selections: undefined, ...conditions });
        continue;
      }
      if (name.startsWith('__') || !('getFields' in parentType)) throw new NotShapeable(); // introspection, or a field of a union
      const field = parentType.getFields()[name];
      if (!field) throw new NotShapeable();
      const named = getNamedType(field.type);
      const selections = selection.selectionSet && isCompositeType(named) ? compileSelections(schema, selection.selectionSet, named, fragments) : undefined;
      shaped.push({ kind: 'field', responseName, typename: false, type: field.type, selections, ...conditions });
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    if (!fragment) throw new NotShapeable();
    const typeCondition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : undefined;
    if (fragment.typeCondition && (!typeCondition || !isCompositeType(typeCondition))) throw new NotShapeable();
    const selectionType = (typeCondition as GraphQLCompositeType | undefined) ?? parentType;
    shaped.push({ kind: 'fragment', typeCondition: typeCondition as GraphQLCompositeType | undefined, selections: compileSelections(schema, fragment.selectionSet, selectionType, fragments), appliesTo: new Map(), ...conditions });
  }
  return shaped;
}

function conditionsOf(directives: readonly DirectiveNode[] | undefined): Conditions {
  const conditions: Conditions = {};
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((arg) => arg.name.value === 'if')?.value;
    if (argument?.kind === Kind.BOOLEAN) conditions[name] = argument.value;
    else if (argument?.kind === Kind.VARIABLE) conditions[name] = { variable: argument.name.value };
    else throw new NotShapeable();
  }
  return conditions;
}

function skipped(selection: Conditions, variables: Record<string, unknown>): boolean {
  return (selection.skip !== undefined && ifValue(selection.skip, variables)) || (selection.include !== undefined && !ifValue(selection.include, variables));
}

function ifValue(argument: IfArgument, variables: Record<string, unknown>): boolean {
  if (typeof argument === 'boolean') return argument;
  const value = variables[argument.variable];
  if (typeof value !== 'boolean') throw new NotShapeable();
  return value;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const BUILT_IN_SCALARS = new Set(['Boolean', 'Int', 'Float', 'String', 'ID']);

/** federation-internals' isValidLeafValue over graphql-js types: custom scalars take anything. */
function isValidLeafValue(type: GraphQLOutputType, value: unknown): boolean {
  if (isScalarType(type) && !BUILT_IN_SCALARS.has(type.name)) return true;
  const name = isEnumType(type) ? undefined : (type as { name: string }).name;
  if (typeof value === 'boolean') return name === 'Boolean';
  if (typeof value === 'number' && Number.isFinite(value)) return name === 'Int' || name === 'ID' ? INTEGER.test(String(value)) : name === 'Float';
  if (typeof value === 'string') return isEnumType(type) ? type.getValue(value) !== undefined : name !== 'Boolean' && name !== 'Int' && name !== 'Float';
  return false;
}
