import { NestedStack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { RouteDef } from '../../functions/routes';
import { routePermissions } from '../permissions';
import { acknowledge } from '../nag';
import { functionErrorAlarms } from './alarms';
import type { DataStore } from './data';
import { AppFunction, type ExecutionRoles } from './functions';

export interface FeatureRoutesProps {
  stage: string;
  /** The folder under functions/ these routes' handlers live in, e.g. `booking`. */
  feature: string;
  routes: readonly RouteDef[];
  httpApi: apigw.HttpApi;
  authorizer: apigw.IHttpRouteAuthorizer;
  data: DataStore;
  environment: Record<string, string>;
  roles: ExecutionRoles;
  alarmTopic: sns.ITopic;
  /** Lambda descriptions, so tools and tests can tell route functions apart (cdk/stack.ts). */
  describe: (route: RouteDef) => string;
}

/**
 * One feature's routes in a nested stack of their own: per route a function, its log group, the
 * API's invoke permission, the integration and the API route; plus the feature's error alarms.
 * CloudFormation allows 500 resources per stack and each route costs five, so the ~90 routes of
 * all features cannot share the main stack; a folder per feature keeps each nested stack far
 * below the limit and lets a feature grow without moving anyone else's resources. The table, key,
 * secrets, roles, API and authorizer stay in the main stack and reach here as parameters.
 */
export class FeatureRoutes extends NestedStack {
  readonly functions: Array<{ route: RouteDef; fn: IFunction }>;

  constructor(scope: Construct, id: string, props: FeatureRoutesProps) {
    super(scope, id, { description: `Lianxin ${props.stage}: the ${props.feature} routes` });
    this.functions = props.routes.map((route) => ({
      route,
      fn: new AppFunction(this, `Route-${route.id}`, {
        handler: route.handler,
        route,
        description: props.describe(route).slice(0, 256),
        permissions: routePermissions(route),
        data: props.data,
        environment: props.environment,
        roles: props.roles,
      }).fn,
    }));
    const none = new apigw.HttpNoneAuthorizer();
    for (const { route, fn } of this.functions) {
      const apiRoute = new apigw.HttpRoute(this, `ApiRoute-${route.id}`, {
        httpApi: props.httpApi,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${route.id}-integration`, fn),
        authorizer: route.access.kind === 'public' ? none : props.authorizer,
      });
      if (route.access.kind === 'public') {
        acknowledge(apiRoute, 'AwsSolutions-APIG4',
          'A login step: the caller has no session yet. It proves itself with a WeChat login code (or the bind ticket that code earned) and the API stage is throttled.');
      }
    }
    functionErrorAlarms(this, {
      stage: props.stage,
      topic: props.alarmTopic,
      functions: this.functions.map(({ route, fn }) => ({ routeId: route.id, fn })),
    });
  }
}

/** The folder under functions/ a route's handler lives in: the feature it belongs to. */
export const featureOf = (route: Pick<RouteDef, 'handler'>) => route.handler.split('/')[0];
