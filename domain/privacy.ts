import * as z from './zod';

/** Bump when the guide's text changes: everyone is asked again. */
export const PRIVACY_GUIDE_VERSION = '2026-12-07';

// Plain string literals only: a template literal with an imported name cannot be dropped by the
// bundler, and would put the whole guide into every function that imports a consent schema.
export const privacyGuide = {
  version: PRIVACY_GUIDE_VERSION,
  title: '连心用户隐私保护指引',
  sections: [
    {
      heading: '我们收集哪些信息',
      body: '您的姓名、身份证号、手机号、家庭成员信息，由县卫健委依据计划生育特殊家庭扶助政策导入，用于核实您的身份并为您提供联系人、家庭医生和优先就医服务。',
    },
    {
      heading: '我们如何保护',
      body: '身份证号和手机号加密保存，页面上只显示部分号码。工作人员查看您家的敏感信息都会留下记录，您可以在“谁查看了我家信息”里看到；同一个人同一天多次查看同一类信息，合并为一条并写明次数。有人冒用您的身份绑定微信、多次核对错误时，会暂停绑定并告诉您的联系人。',
    },
    {
      heading: '谁能看到',
      body: '只有为您家服务的乡镇和村（社区）联系人、签约家庭医生、您就诊的定点医院和卫健委工作人员，在各自职责范围内可以看到。',
    },
    {
      heading: '您的权利',
      body: '您可以随时查看、更正您的信息，或撤回同意。如有疑问，请联系您的村（社区）联系人或县卫健委。',
    },
  ],
  healthDataConsent: {
    heading: '健康信息单独同意',
    body: '血压、血糖、病情、用药和在线咨询的内容等健康信息属于敏感个人信息。只有您同意后，家庭医生才能在线为您随访、开长处方，查看您的健康档案和以前的在线咨询记录。不同意也可以使用联系人和就医服务卡，也可以在线咨询：正在进行的咨询，医生团队在结束前都能看到并回复。您可以随时撤回同意，撤回后医生不能再查看您的健康档案和已结束的咨询记录，记录不会删除，您自己仍能看到；再次同意后医生又能查看。',
  },
} as const;

export const ConsentRequest = z.strictObject({
  privacyGuideVersion: z.literal(PRIVACY_GUIDE_VERSION, '隐私保护指引已更新，请重新阅读'),
  agreePrivacyGuide: z.literal(true, '需要同意隐私保护指引才能继续使用'),
  healthData: z.boolean('请选择是否同意使用健康信息'),
});
export type ConsentRequest = z.infer<typeof ConsentRequest>;

export const Consent = z.object({
  privacyGuideVersion: z.string(),
  agreedAt: z.string(),
  healthData: z.boolean(),
  healthDataDecidedAt: z.string(),
});
export type Consent = z.infer<typeof Consent>;

export const ConsentResponse = z.object({ consent: Consent });
export type ConsentResponse = z.infer<typeof ConsentResponse>;
