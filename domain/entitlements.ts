import * as z from './zod';
import { FamilyId } from './common';
import { greenChannelPriorities, type CardStatus } from './card';
import { FamilyType } from './families';
import { missingContactKinds } from './policy/required-contacts';
import { contactKindLabels, type ContactKind } from './roles';
import { REQUEST_DEFAULT_DUE_DAYS } from './requests';
import { LONG_RX_MAX_DAYS, LONG_RX_MIN_DAYS } from './followups';
import { servicePackages, type PackageId } from './signing';
import { ageOn } from './time';

/**
 * 帮扶清单: what one family may count on, in plain words, each item with whom to call. Seed 001
 * asks for a 联系知情卡 stating "联系方式和帮扶清单"; this is that list, worked out from the
 * family's type, members' ages, poverty flag, contacts, signings and the county's settings.
 * Pure: the route passes in what it read and "today" (a Beijing date).
 */

export const EntitlementCall = z.object({
  name: z.string(),
  /** Who this is to the family, e.g. 村（社区）联系人, 家庭医生, 绿色通道. */
  role: z.string(),
  phone: z.string(),
});
export type EntitlementCall = z.infer<typeof EntitlementCall>;

/** Pages of the app an item can open (the mini-program maps them to its routes). */
export const EntitlementLink = z.enum(['card', 'book', 'admission', 'signing', 'health', 'requests', 'contacts']);
export type EntitlementLink = z.infer<typeof EntitlementLink>;

export const EntitlementGroup = z.enum(['contacts', 'doctor', 'hospital', 'care', 'county', 'requests']);
export type EntitlementGroup = z.infer<typeof EntitlementGroup>;

export const Entitlement = z.object({
  /** Stable per kind (and per member where it is per member), for tests and list keys. */
  id: z.string(),
  group: EntitlementGroup,
  title: z.string(),
  lines: z.array(z.string()),
  calls: z.array(EntitlementCall),
  link: z.optional(EntitlementLink),
});
export type Entitlement = z.infer<typeof Entitlement>;

export const EntitlementsResponse = z.object({
  familyId: FamilyId,
  familyName: z.string(),
  items: z.array(Entitlement),
});
export type EntitlementsResponse = z.infer<typeof EntitlementsResponse>;

// ---- the county's settings -------------------------------------------------------------------

/** Who an extra applies to; absent fields do not narrow. */
export const ExtraAppliesTo = z.object({
  familyTypes: z.optional(z.array(FamilyType)),
  povertyOnly: z.optional(z.boolean()),
  /** Some member has reached this age. */
  minAge: z.optional(z.number()),
});
export type ExtraAppliesTo = z.infer<typeof ExtraAppliesTo>;

/** Something the county provides beyond the national three (e.g. a waived fee, nursing-home priority). */
export const CountyExtra = z.object({
  id: z.string(),
  title: z.string(),
  detail: z.string(),
  appliesTo: z.optional(ExtraAppliesTo),
  /** Whom to call about it; the family's helpline when absent. */
  contact: z.optional(z.object({ name: z.string(), phone: z.string() })),
});
export type CountyExtra = z.infer<typeof CountyExtra>;

/** What a family reads in place of county measures while the county has not confirmed its list. */
export const COUNTY_MEASURES_PENDING_LINE = '本县其他帮扶措施以县卫健委公布为准。';

export const CountySupportSettings = z.object({ extras: z.array(CountyExtra) });
export type CountySupportSettings = z.infer<typeof CountySupportSettings>;

/**
 * The draft a county's commission starts from (never shown to families until it is saved as the
 * county's own list, domain/county-support.ts): measures the seeds report counties taking
 * (seed 002: 免收普通门诊诊察费 at the designated hospitals; 120 transfer for those who cannot move)
 * and the national priority of bereaved elders for public care homes.
 */
export const defaultCountySupport: CountySupportSettings = {
  extras: [
    { id: 'free_consult_fee', title: '免收普通门诊诊察费', detail: '持就医服务卡在定点医院看普通门诊，不收诊察费。' },
    { id: 'transfer_120', title: '行动不便可帮助联系 120 转运', detail: '家人行动不便需要去医院时，定点医院帮助联系 120 转运。' },
    {
      id: 'care_home_priority',
      title: '优先入住公办养老机构',
      detail: '年满 60 周岁的失独老人，需要时可优先入住政府办的养老机构。',
      appliesTo: { familyTypes: ['bereaved'], minAge: 60 },
    },
  ],
};

// ---- inputs ------------------------------------------------------------------------------------

export interface EntitlementMember {
  personId: string;
  name: string;
  relation: string;
  birthDate: string;
  /** Chronic conditions as recorded on the family (Chinese labels). */
  conditions: readonly string[];
}

export interface EntitlementContact {
  kind: ContactKind;
  name: string;
  title: string;
  phone: string;
}

/** A member's current family-doctor contract. */
export interface EntitlementSigning {
  memberId: string;
  teamName: string;
  doctor: { name: string; title: string; phone: string };
  packageIds: readonly PackageId[];
  endDate: string;
}

export interface EntitlementHospital {
  name: string;
  greenChannelPlace?: string;
  greenChannelPhone?: string;
}

export interface EntitlementInput {
  today: string;
  family: {
    familyId: string;
    familyName: string;
    familyType: FamilyType;
    poverty: boolean;
    members: readonly EntitlementMember[];
    card: { cardNo: string; status: CardStatus };
    helpline: { name: string; phone: string };
  };
  contacts: readonly EntitlementContact[];
  signings: readonly EntitlementSigning[];
  hospitals: readonly EntitlementHospital[];
  /** The county's confirmed measures; null while it has confirmed none (the family is told to ask). */
  settings: CountySupportSettings | null;
}

/** Age from which the national basic public-health service gives a free yearly check-up. */
export const FREE_CHECKUP_AGE = 65;

const joinNames = (names: readonly string[]) => names.join('、');
const dateWords = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

function extraApplies(extra: CountyExtra, family: EntitlementInput['family'], ages: readonly number[]): boolean {
  const a = extra.appliesTo;
  if (!a) return true;
  if (a.familyTypes && !a.familyTypes.includes(family.familyType)) return false;
  if (a.povertyOnly && !family.poverty) return false;
  if (a.minAge !== undefined && !ages.some((age) => age >= a.minAge!)) return false;
  return true;
}

/** The family's 帮扶清单, in the order a family reads it: people, doctor, hospital, care, county, requests. */
export function entitlementsFor(input: EntitlementInput): Entitlement[] {
  const { family, contacts, signings, hospitals, settings, today } = input;
  const helpline: EntitlementCall = { name: family.helpline.name, role: '卫健委', phone: family.helpline.phone };
  const callOf = (c: EntitlementContact): EntitlementCall => ({ name: c.name, role: contactKindLabels[c.kind], phone: c.phone });
  const byKind = (kind: ContactKind) => contacts.filter((c) => c.kind === kind);
  const village = byKind('village_cadre');
  const township = byKind('township_leader');
  const volunteers = byKind('volunteer');
  const signingOf = new Map(signings.map((s) => [s.memberId, s]));
  const doctorCalls = uniqueCalls(signings.map((s) => ({ name: s.doctor.name, role: '家庭医生', phone: s.doctor.phone })));
  const doctorContacts = byKind('doctor').map(callOf);
  const anyDoctor = doctorCalls.length ? doctorCalls : doctorContacts;
  const hospitalCalls = hospitals.filter((h) => h.greenChannelPhone).map((h) => ({ name: h.name, role: '绿色通道', phone: h.greenChannelPhone! }));
  const ages = family.members.map((m) => ageOn(m.birthDate, today));
  const items: Entitlement[] = [];

  // 1. Contacts (联系人制度): the 双岗 and anyone else serving the family.
  const missing = missingContactKinds(contacts.map((c) => c.kind)).filter((k) => k !== 'doctor');
  items.push({
    id: 'contacts',
    group: 'contacts',
    title: '联系人常来看您',
    lines: [
      '联系人每周至少联系您一次（上门、打电话或在手机上），每月至少上门一次。',
      '您的生日和春节、端午、中秋、5月29日计生协会日，联系人会来看望您。',
      '联系人换人时，会先告诉您，由新的联系人接着帮您。',
      ...(volunteers.length ? [`志愿者 ${joinNames(volunteers.map((v) => v.name))} 和您家结对，常来陪伴您。`] : []),
      ...missing.map((k) => `您家还没有${contactKindLabels[k]}，请打电话给${family.helpline.name}安排。`),
    ],
    calls: [...village.map(callOf), ...township.map(callOf), ...volunteers.map(callOf), ...(missing.length ? [helpline] : [])],
    link: 'contacts',
  });

  // 2. Family doctor (家庭医生签约): each signed member's team and packages; who may still sign.
  for (const m of family.members) {
    const s = signingOf.get(m.personId);
    if (!s) continue;
    const packages = s.packageIds.map((id) => servicePackages[id]);
    items.push({
      id: `doctor:${m.personId}`,
      group: 'doctor',
      title: `${m.name}的家庭医生`,
      lines: [
        `签约医生：${s.doctor.name}（${s.teamName}），签约到 ${dateWords(s.endDate)}。`,
        `服务包：${packages.map((p) => (p.feeYuan === 0 ? `${p.name}（免费）` : p.name)).join('、')}。`,
        ...packages.flatMap((p) => p.contents.map((c) => `· ${c}`)),
        '医生每月上门或打电话问候一次；行动不便的老人每周一次。',
      ],
      calls: [{ name: s.doctor.name, role: '家庭医生', phone: s.doctor.phone }],
      link: 'signing',
    });
  }
  const unsigned = family.members.filter((m) => !signingOf.has(m.personId));
  if (unsigned.length) {
    items.push({
      id: 'doctor:unsigned',
      group: 'doctor',
      title: '可以签约家庭医生',
      lines: [
        `${joinNames(unsigned.map((m) => m.name))}还没有签约家庭医生。`,
        '特殊家庭优先签约、优先服务，基础服务包免费。',
      ],
      calls: doctorContacts.length ? doctorContacts : [helpline],
      link: 'signing',
    });
  }

  // 3. The green channel (优先便利医疗服务): the card, the 五个优先, the designated hospitals.
  if (family.card.status === 'active') {
    items.push({
      id: 'card',
      group: 'hospital',
      title: '就医服务卡和“五个优先”',
      lines: [
        `您家的就医服务卡号：${family.card.cardNo}。`,
        `在定点医院出示服务卡，可以${greenChannelPriorities.slice(0, 5).join('、')}。`,
        '可以请医院安排导诊、陪诊；急诊不延误。',
        ...(hospitals.length ? [`定点医院：${joinNames(hospitals.map((h) => h.name))}。`] : []),
        ...hospitals.filter((h) => h.greenChannelPlace).map((h) => `${h.name}绿色通道在${h.greenChannelPlace}。`),
      ],
      calls: hospitalCalls,
      link: 'card',
    });
  } else {
    items.push({
      id: 'card',
      group: 'hospital',
      title: '就医服务卡暂时不能用',
      lines: ['您家的就医服务卡现在不能使用。请打电话问清原因，重新办理后就能在定点医院优先看病。'],
      calls: [helpline],
    });
  }
  items.push({
    id: 'beds',
    group: 'hospital',
    title: '住院优先安排床位',
    lines: [
      '需要住院时，签约医生帮您联系定点医院，优先安排床位。',
      '住院期间医院提供必要的照顾；出院时医院把您交回签约医生，接着随访。',
    ],
    calls: [...anyDoctor, ...hospitalCalls],
    link: 'admission',
  });

  // 4. Long prescriptions (长处方) for members with a chronic disease.
  const chronic = family.members.filter((m) => m.conditions.length > 0);
  if (chronic.length) {
    const signedChronic = chronic.filter((m) => signingOf.has(m.personId));
    const unsignedChronic = chronic.filter((m) => !signingOf.has(m.personId));
    items.push({
      id: 'long_rx',
      group: 'doctor',
      title: `慢性病长处方（一次开 ${LONG_RX_MIN_DAYS / 7} 到 ${LONG_RX_MAX_DAYS / 7} 周的药）`,
      lines: [
        ...chronic.map((m) => `${m.name}：${m.conditions.join('、')}。`),
        `病情稳定、按时吃药的，可以请家庭医生开 ${LONG_RX_MIN_DAYS / 7} 到 ${LONG_RX_MAX_DAYS / 7} 周的长处方，少跑医院。`,
        ...(signedChronic.length ? ['药快吃完时，可以在手机上申请续方。'] : []),
        ...(unsignedChronic.length ? [`${joinNames(unsignedChronic.map((m) => m.name))}先签约家庭医生，就可以申请。`] : []),
      ],
      calls: anyDoctor.length ? anyDoctor : [helpline],
      link: signedChronic.length ? 'health' : 'signing',
    });
  }

  // 5. By age and family type.
  const elders = family.members.filter((_, i) => ages[i] >= FREE_CHECKUP_AGE);
  if (elders.length) {
    items.push({
      id: 'checkup',
      group: 'care',
      title: '每年一次免费体检',
      lines: [`${joinNames(elders.map((m) => m.name))}年满 ${FREE_CHECKUP_AGE} 周岁，每年可以免费做一次健康体检，请和家庭医生约时间。`],
      calls: anyDoctor.length ? anyDoctor : [helpline],
    });
  }
  if (family.familyType === 'bereaved') {
    items.push({
      id: 'comfort',
      group: 'care',
      title: '心理关爱和陪伴',
      lines: [
        `可以选${servicePackages.mental.name}（免费）：心理咨询师每季度和您谈心一次。`,
        '计生协会员、志愿者可以和您家结对，常来陪伴。心里难受时，随时打电话给联系人。',
      ],
      calls: [...village.map(callOf), ...anyDoctor],
      link: 'signing',
    });
  } else {
    items.push({
      id: 'rehab',
      group: 'care',
      title: '康复服务',
      lines: [
        `可以选${servicePackages.rehab.name}（每年 ${servicePackages.rehab.feeYuan} 元）：康复评估、每季度康复训练指导、辅具使用指导。`,
        '需要轮椅、拐杖等辅具时，可以请联系人帮助申请。',
      ],
      calls: [...anyDoctor, ...village.map(callOf)],
      link: 'signing',
    });
  }

  // 6. Poverty: the health-poverty "double signing" (seed 004).
  if (family.poverty) {
    items.push({
      id: 'poverty',
      group: 'care',
      title: '健康扶贫“双签约”',
      lines: [
        '乡村干部和您家签约，帮您办理基本医保、大病保险、医疗救助的报销手续。',
        '县、乡、村三级医生分别每季度、每月、每周为您提供一次健康服务。',
        '看病花费超出家里承受能力时，可以申请医疗救助。',
      ],
      calls: [...village.map(callOf), ...township.map(callOf)].concat(village.length + township.length ? [] : [helpline]),
    });
  }

  // 7. What the county adds. Unconfirmed, the draft is not shown: it could promise what the county
  // does not give, so the family is pointed to the commission instead.
  if (!settings) {
    items.push({ id: 'county:pending', group: 'county', title: '本县帮扶措施', lines: [COUNTY_MEASURES_PENDING_LINE], calls: [helpline] });
  }
  for (const extra of (settings?.extras ?? []).filter((e) => extraApplies(e, family, ages))) {
    items.push({
      id: `county:${extra.id}`,
      group: 'county',
      title: extra.title,
      lines: [extra.detail],
      calls: [extra.contact ? { name: extra.contact.name, role: '办理单位', phone: extra.contact.phone } : helpline],
    });
  }

  // 8. How to raise a request (诉求).
  items.push({
    id: 'requests',
    group: 'requests',
    title: '有困难，提诉求',
    lines: [
      '看病、生活照料、住房、经济、心里的难处都可以提。',
      `联系人一般在 ${REQUEST_DEFAULT_DUE_DAYS} 天内办理；超期没办好，乡镇和卫健委会督办。`,
    ],
    calls: [...village.map(callOf), helpline],
    link: 'requests',
  });

  return items;
}

function uniqueCalls(calls: EntitlementCall[]): EntitlementCall[] {
  const seen = new Set<string>();
  return calls.filter((c) => (seen.has(c.phone) ? false : (seen.add(c.phone), true)));
}
