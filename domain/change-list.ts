import * as z from './zod';
import { IsoDate, TownshipId } from './common';

/**
 * The change list (变更清单) for the provincial 特扶 / 扶助信息系统: what changed in the region's
 * families, members, contacts and contracts between two dates, as .xlsx. The cadre copies its
 * columns into the provincial system, so the columns (changeListColumns) are a contract:
 * docs/change-list.md says what each one holds. Append new columns at the end, never reorder.
 */

/** How far back a list may reach: the index is read month by month, township by township. */
export const CHANGE_LIST_MAX_MONTHS = 12;

export const ChangeListQuery = z.strictObject({
  from: IsoDate,
  /** Default: today. */
  to: z.optional(IsoDate),
  /** County staff may narrow to one township; township staff get their own. */
  townshipId: z.optional(TownshipId),
});
export type ChangeListQuery = z.infer<typeof ChangeListQuery>;

/** The file, base64 in JSON like the monthly export; `rows` counts the change rows of all sheets. */
export const ChangeListResponse = z.object({
  filename: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  rows: z.number(),
});
export type ChangeListResponse = z.infer<typeof ChangeListResponse>;

/** The same columns, in this order, on every sheet. */
export const changeListColumns = ['变更日期', '乡镇', '村（社区）', '家庭', '服务卡号', '成员', '变更类别', '变更项目', '变更前', '变更后', '说明', '经办人'] as const;

export const changeListSheets = { family: '家庭变更', member: '成员变更', contact: '联系人变更', signing: '签约变更' } as const;
export type ChangeListSheet = keyof typeof changeListSheets;

/**
 * Changes recorded outside the family's change history (变更记录), written to the change list's
 * index in the transaction that makes them: a family registered by an import, a move as the
 * township it left sees it (the move's record is filed under the new one), a doctor contract
 * made, renewed, moved to another team or ended, a 双签约 policy contract made.
 */
export const ChangeEventKind = z.enum(['family_created', 'moved_away', 'signing_signed', 'signing_renewed', 'signing_team_changed', 'signing_ended', 'policy_created']);
export type ChangeEventKind = z.infer<typeof ChangeEventKind>;
export const changeEventLabels: Record<ChangeEventKind, string> = {
  family_created: '新增家庭',
  moved_away: '迁往本县其他乡镇',
  signing_signed: '签约家庭医生',
  signing_renewed: '家庭医生续约',
  signing_team_changed: '更换家庭医生团队',
  signing_ended: '家庭医生解约',
  policy_created: '建立双签约',
};
export const changeEventSheets: Record<ChangeEventKind, ChangeListSheet> = {
  family_created: 'family',
  moved_away: 'family',
  signing_signed: 'signing',
  signing_renewed: 'signing',
  signing_team_changed: 'signing',
  signing_ended: 'signing',
  policy_created: 'signing',
};
/** The members of a new family, one row each on the member sheet. */
export const MEMBER_ADDED = '新增成员';
export const CONTACT_HANDOVER = '联系人交接';
export const TEAM_FIELD = '家庭医生团队';
export const CADRE_FIELD = '帮扶干部';
export const CARD_NO_FIELD = '服务卡号';
export const TOWNSHIP_FIELD = '乡镇';
export const IMPORT_BY = '花名册导入';

export const CHANGE_LIST_FROM_FUTURE = '开始日期不能晚于今天';
export const CHANGE_LIST_TO_FUTURE = '截止日期不能晚于今天';
export const CHANGE_LIST_ORDER = '开始日期不能晚于截止日期';
export const CHANGE_LIST_TOO_OLD = '开始日期最早为 12 个月前';
export const CHANGE_LIST_BAD_DATE = '不是有效的日期';
