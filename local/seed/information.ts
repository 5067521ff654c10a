import { ArticlePublishBody, CountySupportPutRequest, defaultCountySupport, type Principal } from '../../domain';
import { publishArticle } from '../../functions/articles/publishing';
import { saveCountySupport } from '../../functions/county-support/save-county-support';
import { principalOf } from '../../functions/lib/auth/session';
import { getPerson } from '../../functions/lib/db/persons';

/** Demo article ids (fixed, so tests can name them). */
export const SEED_ARTICLE_COUNTY = 'ar_seedcounty0001';
export const SEED_ARTICLE_TEAM = 'ar_seedteam000001';

/** A staff member as their session names them (as at sign-in). */
async function signedIn(personId: string): Promise<Principal> {
  const person = await getPerson(personId);
  if (!person) throw new Error(`demo staff missing: ${personId}`);
  return principalOf(person);
}

/**
 * The county's 帮扶 settings and two articles, each through its route's core:
 * - 郑国栋 (p_comm01, county officer) saves the draft list with the county hospital as the place to
 *   ask about the waived consultation fee: the first save confirms it (county-support/save-county-support.ts:
 *   version 1 and its change record);
 * - he publishes to the whole county, three days ago (articles/publishing.ts);
 * - the 城关镇 team's doctor 陈立新 (p_doc01) publishes to the team's signed members with high blood
 *   pressure, yesterday (the same core; the team and the signings must be in by then).
 */
export async function seedInformation(now: Date): Promise<void> {
  const [commission, doctor] = await Promise.all([signedIn('p_comm01'), signedIn('p_doc01')]);
  const daysBefore = (days: number) => new Date(now.getTime() - days * 86_400_000);
  await Promise.all([
    saveCountySupport(
      commission,
      CountySupportPutRequest.parse({
        version: 0,
        extras: defaultCountySupport.extras.map((e) => (e.id === 'free_consult_fee' ? { ...e, contact: { name: '清河县人民医院绿色通道', phone: '0311-86907120' } } : e)),
      }),
      now,
    ),
    publishArticle(
      commission,
      ArticlePublishBody.parse({
        title: '就医绿色通道怎么用',
        text: '计划生育特殊家庭成员到县人民医院看病，请带上就医服务卡。到门诊大厅绿色通道窗口出示服务卡，就可以优先挂号、优先就诊、优先取药、优先缴费。行动不便的，可以请医院安排导诊和陪诊。需要住院的，请先给签约家庭医生打电话，医生会帮您联系床位。',
      }),
      daysBefore(3),
      { articleId: SEED_ARTICLE_COUNTY },
    ),
    publishArticle(
      doctor,
      ArticlePublishBody.parse({
        title: '冬季高血压要注意什么',
        text: '天冷时血管收缩，血压容易升高。请每天早晚各量一次血压并记下来；按时吃药，不要自己停药或减药；出门注意保暖，少吃咸的东西。如果头痛、头晕、胸闷、手脚发麻，请马上打电话给家庭医生，情况紧急请拨打120。',
        teamId: 'tm_chengguan',
        condition: 'hypertension',
      }),
      daysBefore(1),
      { articleId: SEED_ARTICLE_TEAM },
    ),
  ]);
}
