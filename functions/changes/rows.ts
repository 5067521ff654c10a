import {
  changeEventLabels,
  changeEventSheets,
  changeKindLabels,
  changeListColumns,
  changeListSheets,
  CONTACT_HANDOVER,
  contactKindLabels,
  MEMBER_ADDED,
  TOWNSHIP_FIELD,
  type ChangeListSheet,
} from '../../domain';
import type { ChangeEventItem, ChangeListItem } from '../lib/db/change-list';
import type { HandoverItem } from '../lib/db/handover';
import type { FamilyProfileItem } from '../lib/db/items';
import type { FamilyChangeItem } from '../lib/db/lifecycle/changes';
import { excelDate, type Cell, type Sheet } from '../lib/export/xlsx';

/** What the rows are made from besides the items: the families as they are now, names of townships and staff. */
export interface RowContext {
  profiles: Map<string, FamilyProfileItem>;
  townshipNames: Map<string, string>;
  staffNames: Map<string, string>;
}

interface Row {
  sheet: ChangeListSheet;
  at: string;
  familyId: string;
  townshipId: string;
  memberName?: string;
  kind: string;
  field?: string;
  before?: string;
  after?: string;
  note?: string;
  byName: string;
}

const memberSheet = new Set(['correction', 'death']);

function fromChange(c: FamilyChangeItem, townshipId: string, ctx: RowContext): Row[] {
  const base = {
    sheet: memberSheet.has(c.kind) ? ('member' as const) : ('family' as const),
    at: c.at,
    familyId: c.familyId,
    townshipId,
    memberName: c.memberId ? ctx.profiles.get(c.familyId)?.members.find((m) => m.personId === c.memberId)?.name : undefined,
    kind: changeKindLabels[c.kind],
    note: c.summary,
    byName: c.byName,
  };
  // One row per changed field, so each before/after pair can be copied into its own box; a value
  // a record keeps for context only (the card number of a revoked card) is not a change.
  const fields = [...new Set([...Object.keys(c.before), ...Object.keys(c.after)])].filter((f) => c.before[f] !== c.after[f]);
  if (!fields.length) return [base];
  return fields.map((field) => ({ ...base, field, before: c.before[field], after: c.after[field] }));
}

function fromEvent(e: ChangeEventItem, townshipId: string, ctx: RowContext): Row[] {
  const row: Row = { sheet: changeEventSheets[e.kind], at: e.at, familyId: e.familyId, townshipId, memberName: e.memberName, kind: changeEventLabels[e.kind], field: e.field, before: e.before, after: e.after, note: e.note, byName: e.byName };
  // A move out of the township: from the township the event is filed under to the one the family is in now.
  if (e.kind === 'moved_away') return [{ ...row, field: TOWNSHIP_FIELD, before: ctx.townshipNames.get(townshipId), after: ctx.profiles.get(e.familyId)?.townshipName }];
  if (e.kind !== 'family_created') return [row];
  // A new family's members are new members too; the profile lists them as they are now.
  const members = ctx.profiles.get(e.familyId)?.members ?? [];
  return [row, ...members.map((m) => ({ ...row, sheet: 'member' as const, memberName: m.name, kind: MEMBER_ADDED, field: '与户主关系', before: undefined, after: m.relation }))];
}

function fromHandover(h: HandoverItem, townshipId: string, ctx: RowContext): Row[] {
  return [{ sheet: 'contact', at: h.at, familyId: h.familyId, townshipId, kind: CONTACT_HANDOVER, field: contactKindLabels[h.kind], before: h.from?.name ?? '（原无）', after: h.to.name, note: h.reason, byName: ctx.staffNames.get(h.byStaffId) ?? '' }];
}

function rowsOf({ townshipId, item }: { townshipId: string; item: ChangeListItem }, ctx: RowContext): Row[] {
  if (item.entity === 'familyChange') return fromChange(item, townshipId, ctx);
  // A move is one change: where the list also covers the new township, its own record says it.
  if (item.entity === 'changeEvent' && item.toTownshipId && ctx.townshipNames.has(item.toTownshipId)) return [];
  if (item.entity === 'changeEvent') return fromEvent(item, townshipId, ctx);
  return fromHandover(item, townshipId, ctx);
}

const cells = (r: Row, ctx: RowContext): Cell[] => {
  const p = ctx.profiles.get(r.familyId);
  return [excelDate(r.at), ctx.townshipNames.get(r.townshipId) ?? p?.townshipName ?? '', p?.villageName ?? '', p?.familyName ?? r.familyId, p?.card.cardNo ?? '', r.memberName ?? '', r.kind, r.field ?? '', r.before ?? '', r.after ?? '', r.note ?? '', r.byName];
};

/** The four sheets, every one with the same columns (changeListColumns), oldest change first. */
export function changeListWorkbook(items: Array<{ townshipId: string; item: ChangeListItem }>, ctx: RowContext): { sheets: Sheet[]; rows: number } {
  const rows = items.flatMap((i) => rowsOf(i, ctx)).sort((a, b) => a.at.localeCompare(b.at) || a.familyId.localeCompare(b.familyId));
  const sheets = (Object.keys(changeListSheets) as ChangeListSheet[]).map((sheet) => ({
    name: changeListSheets[sheet],
    rows: [[...changeListColumns], ...rows.filter((r) => r.sheet === sheet).map((r) => cells(r, ctx))],
  }));
  return { sheets, rows: rows.length };
}
