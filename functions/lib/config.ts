/**
 * Configuration comes from the environment, read when asked rather than at import: the local
 * runtime sets the environment before the first request and tests may start several stacks.
 */
export type Stage = 'local' | 'dev' | 'prod';

export const OFFICIAL_WECHAT_API = 'https://api.weixin.qq.com';

const stages: readonly Stage[] = ['local', 'dev', 'prod'];

export function getConfig() {
  // No default: a function deployed without STAGE must not quietly behave as the local stage
  // (which honours the test clock header and the WeChat stand-in).
  const stage = process.env.STAGE as Stage;
  if (!stages.includes(stage)) throw new Error(`STAGE must be one of ${stages.join(', ')}; got ${JSON.stringify(process.env.STAGE)}`);
  return {
    stage,
    tableName: process.env.TABLE_NAME ?? 'lianxin',
    region: process.env.AWS_REGION ?? 'cn-north-1',
    /** Set only in the local stage: DynamoDB Local's address. */
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT,
    /**
     * Set only in the local stage, where DynamoDB Local runs transactions one at a time and a queue
     * of hundreds takes seconds (functions/lib/db/client.ts has the deployed values).
     */
    dynamoRequestTimeoutMs: Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS) || undefined,
    /** Local stage: JSON file with the development keys (see local/keys.ts). */
    localKeyFile: process.env.LOCAL_KEY_FILE,
    /** AWS: Secrets Manager secret holding the signing master secret and the WeChat app secret. */
    secretsArn: process.env.SECRETS_ARN,
    /** AWS: the separate secret the service card's QR tokens are signed with. */
    cardSecretArn: process.env.CARD_SECRET_ARN,
    /** AWS: KMS key that wraps the field-encryption data keys. */
    fieldKeyId: process.env.FIELD_KEY_ID,
    wechatAppId: process.env.WECHAT_APP_ID ?? 'wx-local-dev',
    wechatApiBase: process.env.WECHAT_API_BASE ?? OFFICIAL_WECHAT_API,
    /**
     * WeChat subscription-message template ids by our template name (JSON object), set per
     * deployment from the mini-program's console. The local stand-in accepts our names as ids.
     */
    wechatTemplateIds: parseTemplateIds(process.env.WECHAT_TEMPLATE_IDS),
    /** The private bucket for message attachments (photos, voice clips). */
    uploadsBucket: process.env.UPLOADS_BUCKET ?? 'lianxin-uploads',
    /** Set only in the local stage: the local S3 server's address. */
    s3Endpoint: process.env.S3_ENDPOINT,
  };
}

function parseTemplateIds(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('WECHAT_TEMPLATE_IDS must be a JSON object');
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
