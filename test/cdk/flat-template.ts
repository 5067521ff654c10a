import { NestedStack, Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

// CloudFormation JSON is untyped by nature; properties are checked by the tests that read them.
export type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };
type Json = unknown;

interface StackView {
  prefix: string;
  json: { Resources: Record<string, Resource>; Parameters?: Record<string, unknown>; Outputs?: Record<string, { Value: Json }> };
  /** This stack's parameters are given by this resource of the parent stack. */
  parent?: { view: StackView; resourceId: string };
  /** Nested stacks by their resource's logical id in this stack. */
  children: Map<string, StackView>;
}

/**
 * The main stack and its nested stacks as one set of resources, the way a reader thinks of the
 * deployment: a nested stack's resources are keyed `<its stack resource id>/<logical id>`, and
 * every reference is followed to what it stands for — a nested stack's parameter to the value
 * the parent passes, a nested stack's output to the resource it names. So a test can ask "which
 * table does this function's TABLE_NAME name" without caring which stack either lives in.
 */
export function flatResources(stack: Stack): { resources: Record<string, Resource>; stacks: Array<{ id: string; resources: number; parameters: number; outputs: number }> } {
  const views: StackView[] = [];
  const build = (s: Stack, prefix: string, parent?: StackView['parent']): StackView => {
    const view: StackView = { prefix, json: Template.fromStack(s).toJSON() as StackView['json'], parent, children: new Map() };
    views.push(view);
    for (const child of s.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack && c.nestedStackParent === s)) {
      const resourceId = s.resolve((child.nestedStackResource as CfnResource).logicalId) as string;
      view.children.set(resourceId, build(child, `${prefix}${resourceId}/`, { view, resourceId }));
    }
    return view;
  };
  build(stack, '');

  const resolve = (view: StackView, value: Json): Json => {
    if (Array.isArray(value)) return value.map((v) => resolve(view, v));
    if (value === null || typeof value !== 'object') return value;
    const o = value as Record<string, Json>;
    if (typeof o.Ref === 'string' && Object.keys(o).length === 1) {
      if (view.json.Parameters && o.Ref in view.json.Parameters && view.parent) {
        const { view: parent, resourceId } = view.parent;
        return resolve(parent, parent.json.Resources[resourceId].Properties.Parameters[o.Ref]);
      }
      if (o.Ref in view.json.Resources) return { Ref: view.prefix + o.Ref };
      return o;
    }
    const getAtt = o['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt && Object.keys(o).length === 1) {
      const [id, attribute] = getAtt;
      const child = view.children.get(id);
      if (child && attribute.startsWith('Outputs.')) return resolve(child, child.json.Outputs![attribute.slice('Outputs.'.length)].Value);
      if (id in view.json.Resources) return { 'Fn::GetAtt': [view.prefix + id, attribute] };
      return o;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(view, v)]));
  };

  const resources: Record<string, Resource> = {};
  for (const view of views) {
    for (const [id, r] of Object.entries(view.json.Resources)) resources[view.prefix + id] = resolve(view, r) as Resource;
  }
  const stacks = views.map((v) => ({
    id: v.prefix || '(main)',
    resources: Object.keys(v.json.Resources).length,
    parameters: Object.keys(v.json.Parameters ?? {}).length,
    outputs: Object.keys(v.json.Outputs ?? {}).length,
  }));
  return { resources, stacks };
}
