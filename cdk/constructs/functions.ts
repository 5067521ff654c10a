import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { nodejsBundlingOptions } from '../bundling';
import { powertoolsLayer } from '../powertools-layer';
import { handlerEntry, repoRoot } from '../paths';
import { fieldKeyActions, tableActions, uploadActions, type FunctionPermissions } from '../permissions';
import type { RouteDef } from '../../functions/routes';
import type { DataStore } from './data';

/**
 * Log retention: one year. China's Cybersecurity Law (网络安全法, art. 21) requires network logs to
 * be kept for no less than six months; CloudWatch's 180-day option can fall a few days short of six
 * calendar months, and 365 days is the next value it offers. The audit trail of sensitive reads
 * lives in the table, not here; these logs are operational (errors name the route, not the person).
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export interface AppFunctionProps {
  /** Module under functions/, e.g. `me/get-me`; it exports `handler`. */
  handler: string;
  /** The route this function serves, bundled in place of the route table (cdk/bundling.ts). */
  route?: RouteDef;
  description: string;
  permissions: FunctionPermissions;
  data: DataStore;
  environment: Record<string, string>;
  /**
   * The execution role, shared by functions whose declared permissions are identical
   * (ExecutionRoles below). Without it the function gets a role of its own.
   */
  roles?: ExecutionRoles;
  /** Background jobs only: routes keep API Gateway's budget of 10 s and 256 MB. */
  timeout?: Duration;
  memorySize?: number;
}

/**
 * One execution role per distinct permission set. A role and its policy per function would put
 * two resources per route into the stack and, with ~80 functions, past CloudFormation's 500
 * resources per stack; functions with identical declared permissions lose nothing by sharing a
 * role, and each still holds exactly what it declares (test/cdk/stack.test.ts checks it).
 */
export class ExecutionRoles extends Construct {
  private readonly byPermissions = new Map<string, iam.Role>();

  constructor(
    scope: Construct,
    id: string,
    private readonly data: DataStore,
  ) {
    super(scope, id);
  }

  roleFor(permissions: FunctionPermissions): iam.Role {
    const key = `${permissions.table}-${permissions.fieldKey ? 'key' : 'nokey'}-${permissions.secrets}-${permissions.uploads}`;
    const existing = this.byPermissions.get(key);
    if (existing) return existing;
    const role = new iam.Role(this, key, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Lianxin functions with table ${permissions.table}, field key ${permissions.fieldKey}, secrets ${permissions.secrets}, uploads ${permissions.uploads}`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    grantPermissions(role, permissions, this.data);
    this.byPermissions.set(key, role);
    return role;
  }
}

function grantPermissions(grantee: iam.IGrantable, permissions: FunctionPermissions, data: DataStore): void {
  const { table, fieldKey, secret, cardSecret, uploads } = data;
  // On the table and its indexes.
  if (permissions.table !== 'none') table.grant(grantee, ...tableActions[permissions.table]);
  if (permissions.fieldKey) fieldKey.grant(grantee, ...fieldKeyActions);
  if (permissions.secrets === 'app') secret.grantRead(grantee);
  if (permissions.secrets === 'card') cardSecret.grantRead(grantee);
  if (permissions.uploads !== 'none') {
    iam.Grant.addToPrincipal({ grantee, actions: [...uploadActions[permissions.uploads]], resourceArns: [uploads.arnForObjects('*')] });
  }
}

/**
 * One Lambda function from one handler module: Node.js 22 on ARM (Graviton: cheaper per ms and as
 * fast for this I/O-bound work), bundled with the shared esbuild settings, the Powertools layer, X-Ray active tracing, with its own log group
 * (an explicit LogGroup, not `logRetention`, which would add a custom-resource function) and the
 * grants its permissions declare, nothing else.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.handler),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description,
      // Stack traces in the logs name the source lines, not the minified ones (bundling.ts).
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      // The runtime records each invocation's init and handler time in X-Ray; no X-Ray SDK is
      // bundled (see lambdaBundling for why).
      tracing: lambda.Tracing.ACTIVE,
      layers: [powertoolsLayer(this)],
      logGroup: this.logGroup,
      bundling: nodejsBundlingOptions(props.route),
      role: props.roles?.roleFor(props.permissions),
    });
    if (!props.roles) grantPermissions(this.fn, props.permissions, props.data);
  }
}
