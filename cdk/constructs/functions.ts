import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { nodejsBundlingOptions } from '../bundling';
import { handlerEntry, repoRoot } from '../paths';
import { fieldKeyActions, tableActions, uploadActions, type FunctionPermissions } from '../permissions';
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
  description: string;
  permissions: FunctionPermissions;
  data: DataStore;
  environment: Record<string, string>;
}

/**
 * One Lambda function from one handler module: Node.js 22 on ARM (Graviton: cheaper per ms and as
 * fast for this I/O-bound work), bundled with the shared esbuild settings, with its own log group
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
      memorySize: 256,
      timeout: Duration.seconds(10),
      description: props.description,
      environment: props.environment,
      logGroup: this.logGroup,
      bundling: nodejsBundlingOptions(),
    });

    const { table, fieldKey, secret, cardSecret, uploads } = props.data;
    // On the table and its indexes.
    if (props.permissions.table !== 'none') table.grant(this.fn, ...tableActions[props.permissions.table]);
    if (props.permissions.fieldKey) fieldKey.grant(this.fn, ...fieldKeyActions);
    if (props.permissions.secrets === 'app') secret.grantRead(this.fn);
    if (props.permissions.secrets === 'card') cardSecret.grantRead(this.fn);
    if (props.permissions.uploads !== 'none') {
      iam.Grant.addToPrincipal({ grantee: this.fn, actions: [...uploadActions[props.permissions.uploads]], resourceArns: [uploads.arnForObjects('*')] });
    }
  }
}
