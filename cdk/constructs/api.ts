import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LOG_RETENTION } from './functions';

/**
 * Seconds an authorizer verdict is cached per Authorization header. A cached "allow" can outlive
 * the token's own expiry (30 minutes, domain/auth.ts) by at most this long, so it is kept short:
 * one minute still spares the authorizer for a page's burst of requests.
 */
export const AUTHORIZER_CACHE_SECONDS = 60;

/** A custom domain for the API: the ICP-filed name and the ARN of its certificate in ACM. */
export interface ApiDomain {
  name: string;
  certificateArn: string;
}

/**
 * The HTTP API, its stage and the session authorizer. Its routes (one per route-table entry, each
 * integrated with its own function) are added by each feature's nested stack
 * (cdk/constructs/feature-routes.ts). Routes the table marks public (the login steps) have no
 * authorizer; every other route goes through the Lambda authorizer, which only establishes who is
 * calling; the role and scope checks run in the function from the same route table. No CORS: the mini-program's wx.request is not a browser
 * origin, and no web front end calls this API.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly authorizer: HttpLambdaAuthorizer;

  /** The custom domain, when one is configured (context `apiDomain`, `apiCertificateArn`). */
  readonly domain?: apigw.DomainName;
  private readonly domainName?: string;

  constructor(scope: Construct, id: string, props: { stage: string; authorizerFn: IFunction; domain?: ApiDomain }) {
    super(scope, id);
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `lianxin-${props.stage}`,
      description: `Lianxin ${props.stage}: mini-program API`,
      createDefaultStage: false,
    });

    // Access logs are the network log the Cybersecurity Law asks to keep (see LOG_RETENTION). They
    // carry the caller's person id and role from the authorizer, never names, phones or bodies.
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.RETAIN });
    // WeChat calls only HTTPS domains filed with ICP and entered as the mini-program's request
    // domain (request合法域名), never execute-api's own: hence a custom domain for any real county.
    // In the China regions ACM issues no public certificates; the county imports the one its CA
    // issued for the domain and passes its ARN.
    if (props.domain) {
      this.domainName = props.domain.name;
      this.domain = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      });
    }
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      domainMapping: this.domain ? { domainName: this.domain } : undefined,
      autoDeploy: true,
      // A ceiling on abuse (and cost) of the public login routes; far above what one county's
      // families and staff need. The account-wide default would be 10,000 requests per second.
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integration.latency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            personId: '$context.authorizer.personId',
            role: '$context.authorizer.role',
          }),
        ),
      },
    });

    this.authorizer = new HttpLambdaAuthorizer('SessionAuthorizer', props.authorizerFn, {
      authorizerName: `lianxin-${props.stage}-session`,
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.seconds(AUTHORIZER_CACHE_SECONDS),
    });
  }

  /** The API's base URL, ending in a slash: the custom domain's when there is one. */
  get url(): string {
    return this.domainName ? `https://${this.domainName}/` : this.stage.url;
  }
}
