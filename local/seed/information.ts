import { defaultCountySupport, toBeijingIso } from '../../domain';
import { articleParts } from '../../functions/lib/db/articles';
import { countySupportItemOf } from '../../functions/lib/db/county-support';
import { county } from './demo-county';

/** Demo article ids (fixed, so tests can name them). */
export const SEED_ARTICLE_COUNTY = 'ar_seedcounty0001';
export const SEED_ARTICLE_TEAM = 'ar_seedteam000001';

/**
 * The county's 帮扶 settings (the defaults, with the county hospital as the place to ask about the
 * waived consultation fee) and two articles: one from the commission to the whole county, one from
 * the 城关镇 doctors' team to its signed members with high blood pressure.
 */
export function buildInformationSeed(now: Date): Record<string, unknown>[] {
  const support = countySupportItemOf({ countyId: county.countyId, fromVersion: 0, by: { personId: 'p_comm01', name: '郑国栋' }, extras: defaultCountySupport.extras.map((e) => (e.id === 'free_consult_fee' ? { ...e, contact: { name: '清河县人民医院绿色通道', phone: '0311-86907120' } } : e)) }, now);
  const dayBefore = (days: number) => toBeijingIso(new Date(now.getTime() - days * 86_400_000));
  const articles = [
    ...articleParts({
      articleId: SEED_ARTICLE_COUNTY,
      title: '就医绿色通道怎么用',
      text: '计划生育特殊家庭成员到县人民医院看病，请带上就医服务卡。到门诊大厅绿色通道窗口出示服务卡，就可以优先挂号、优先就诊、优先取药、优先缴费。行动不便的，可以请医院安排导诊和陪诊。需要住院的，请先给签约家庭医生打电话，医生会帮您联系床位。',
      byline: '清河县卫健委 郑国栋',
      authorId: 'p_comm01',
      authorRole: 'commission',
      audiences: [{ kind: 'county', countyId: county.countyId }],
      audienceLabel: '全县特殊家庭',
      publishedAt: dayBefore(3),
    }),
    ...articleParts({
      articleId: SEED_ARTICLE_TEAM,
      title: '冬季高血压要注意什么',
      text: '天冷时血管收缩，血压容易升高。请每天早晚各量一次血压并记下来；按时吃药，不要自己停药或减药；出门注意保暖，少吃咸的东西。如果头痛、头晕、胸闷、手脚发麻，请马上打电话给家庭医生，情况紧急请拨打120。',
      byline: '城关镇卫生院 陈立新',
      authorId: 'p_doc01',
      authorRole: 'doctor',
      audiences: [{ kind: 'team', teamId: 'tm_chengguan', condition: 'hypertension' }],
      audienceLabel: '城关镇卫生院家庭医生团队签约居民（高血压）',
      publishedAt: dayBefore(1),
    }),
  ].map((p) => (p.item.Put!.Item as Record<string, unknown>));
  return [support as unknown as Record<string, unknown>, ...articles];
}
