import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { authorizerHandler, routes, type RouteDef } from '../functions/routes';
import { jobs } from '../functions/jobs';
import { authorizerPermissions } from './permissions';
import { FeatureRoutes, featureOf } from './constructs/feature-routes';
import { Alarms } from './constructs/alarms';
import { Api, type ApiDomain } from './constructs/api';
import { DataStore } from './constructs/data';
import { deployJobs } from './constructs/jobs';
import { AppFunction, ExecutionRoles } from './constructs/functions';
import { observabilityEnvironment } from './observability';

export type DeployStage = 'dev' | 'prod';

export interface LianxinStackProps extends StackProps {
  stage: DeployStage;
  /** The mini-program's AppID (context `wechatAppId`). */
  wechatAppId: string;
  /** Optional address for alarm e-mails (context `alarmEmail`). */
  alarmEmail?: string;
  /** The API's custom domain (context `apiDomain` and `apiCertificateArn`); none in a dev stack. */
  apiDomain?: ApiDomain;
  /** WeChat subscription-message template ids by our template name (context `wechatTemplateIds`, JSON). */
  wechatTemplateIds?: Record<string, string>;
}

/** Lambda descriptions start with this, so tools and tests can tell our functions from helpers. */
export const routeFunctionDescription = (stage: string, routeId: string, method: string, path: string) =>
  `Lianxin ${stage} route ${routeId}: ${method} ${path}`;
export const authorizerDescription = (stage: string) => `Lianxin ${stage} session authorizer`;
export const backgroundFunctionDescription = (stage: string, name: string, summary: string) => `Lianxin ${stage} ${name}: ${summary}`;

/**
 * The whole backend: the table, key and secret (DataStore), the HTTP API with the session
 * authorizer, one function per route of functions/routes.ts (in a nested stack per feature),
 * the outbox sender and scheduled jobs, and alarms.
 */
export class LianxinStack extends Stack {
  readonly data: DataStore;
  readonly api: Api;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: LianxinStackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'lianxin');
    Tags.of(this).add('stage', props.stage);

    this.data = new DataStore(this, 'Data', { stage: props.stage });
    // The same environment for every function; what each may do with it is decided by its grants.
    // The region comes from the Lambda runtime's AWS_REGION.
    const environment = {
      STAGE: props.stage,
      TABLE_NAME: this.data.table.tableName,
      SECRETS_ARN: this.data.secret.secretArn,
      CARD_SECRET_ARN: this.data.cardSecret.secretArn,
      FIELD_KEY_ID: this.data.fieldKey.keyArn,
      WECHAT_APP_ID: props.wechatAppId,
      UPLOADS_BUCKET: this.data.uploads.bucketName,
      // {"message.new": "<template id from the mini-program console>", ...}
      WECHAT_TEMPLATE_IDS: JSON.stringify(props.wechatTemplateIds ?? {}),
      ...observabilityEnvironment(props.stage),
    };

    const roles = new ExecutionRoles(this, 'Roles', this.data);
    const authorizer = new AppFunction(this, 'Authorizer', {
      handler: authorizerHandler,
      description: authorizerDescription(props.stage),
      permissions: authorizerPermissions,
      data: this.data,
      environment,
      roles,
    });

    this.api = new Api(this, 'Api', { stage: props.stage, authorizerFn: authorizer.fn, domain: props.apiDomain });

    // The stream and scheduled jobs of functions/jobs.ts, each with its trigger.
    const background = deployJobs(this, {
      jobs,
      data: this.data,
      environment,
      describe: (job) => backgroundFunctionDescription(props.stage, job.name, job.summary),
    });

    this.alarms = new Alarms(this, 'Alarms', {
      stage: props.stage,
      httpApi: this.api.httpApi,
      authorizerFn: authorizer.fn,
      functions: background.map(({ job, fn }) => ({ routeId: job.name, fn })),
      alarmEmail: props.alarmEmail,
    });

    // The route functions, one nested stack per feature folder (see FeatureRoutes for why).
    const byFeature = new Map<string, RouteDef[]>();
    for (const route of routes) byFeature.set(featureOf(route), [...(byFeature.get(featureOf(route)) ?? []), route]);
    for (const [feature, featureRoutes] of byFeature) {
      new FeatureRoutes(this, `Routes-${feature}`, {
        stage: props.stage,
        feature,
        routes: featureRoutes,
        httpApi: this.api.httpApi,
        authorizer: this.api.authorizer,
        data: this.data,
        environment,
        roles,
        alarmTopic: this.alarms.topic,
        describe: (route) => routeFunctionDescription(props.stage, route.id, route.method, route.path),
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    if (this.api.domain) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.api.domain.regionalDomainName,
        description: "Point the API's custom domain here (DNS CNAME)",
      });
    }
    new CfnOutput(this, 'UploadsBucketDomain', {
      value: this.data.uploads.bucketRegionalDomainName,
      description: "The mini-program's uploadFile and downloadFile domain (https://<this>)",
    });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName, description: 'The DynamoDB table' });
    new CfnOutput(this, 'SecretsArn', { value: this.data.secret.secretArn, description: 'Set wechatAppSecret in this secret after the first deploy' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to receive alarms' });
  }
}
