import { Annotations, App } from 'aws-cdk-lib';
import { LianxinStack, type DeployStage } from './stack';

/**
 * The CDK app (`npm run synth`). Everything comes from context, so synth needs no AWS credentials
 * and no network:
 *   -c stage=dev|prod          (default dev)
 *   -c wechatAppId=wx...       (default a placeholder; refused for prod)
 *   -c alarmEmail=ops@...      (optional)
 *   -c wechatTemplateIds='{"message.new":"..."}' (optional; subscription-message template ids)
 *   -c apiDomain=api.example.cn -c apiCertificateArn=arn:aws-cn:acm:...
 *                              (optional, together; README "Deploying a county")
 *   -c account=... -c region=... (optional; without them the stack is environment-agnostic and
 *                               deploys to the account and region of the credentials used,
 *                               e.g. cn-north-1 in the aws-cn partition)
 */
const WECHAT_APP_ID_PLACEHOLDER = 'wx-set-wechatAppId-in-context';

const app = new App();
const context = (key: string): string | undefined => {
  const value = app.node.tryGetContext(key);
  return value === undefined || value === '' ? undefined : String(value);
};

const stage = (context('stage') ?? 'dev') as DeployStage;
if (stage !== 'dev' && stage !== 'prod') throw new Error(`Unknown stage "${stage}": use -c stage=dev or -c stage=prod`);

const wechatAppId = context('wechatAppId') ?? WECHAT_APP_ID_PLACEHOLDER;
const apiDomainName = context('apiDomain');
const apiCertificateArn = context('apiCertificateArn');
if (Boolean(apiDomainName) !== Boolean(apiCertificateArn)) throw new Error('Set both -c apiDomain=... and -c apiCertificateArn=..., or neither');
const account = context('account');
const region = context('region');

const stack = new LianxinStack(app, `Lianxin-${stage}`, {
  stage,
  wechatAppId,
  alarmEmail: context('alarmEmail'),
  wechatTemplateIds: context('wechatTemplateIds') ? (JSON.parse(context('wechatTemplateIds')!) as Record<string, string>) : undefined,
  apiDomain: apiDomainName && apiCertificateArn ? { name: apiDomainName, certificateArn: apiCertificateArn } : undefined,
  env: account || region ? { account, region } : undefined,
  description: `Lianxin (连心) ${stage}: API, functions and data for family-planning special families`,
});

if (wechatAppId === WECHAT_APP_ID_PLACEHOLDER) {
  const message = 'wechatAppId is not set (-c wechatAppId=wx...): login cannot work with the placeholder';
  if (stage === 'prod') Annotations.of(stack).addError(message);
  else Annotations.of(stack).addWarning(message);
}
