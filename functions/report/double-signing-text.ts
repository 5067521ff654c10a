import { cadenceLabels, doubleSigningTexts, percent, type ReportResponse, tierCadence, tierGapText, tierLabels, tierNowLabels, TIERS } from '../../domain';
import type { ReportTable } from './tables';

/**
 * The 双签约 section of the report in words and as tables, for the Word document (the page shows
 * the same figures). The workbook keeps the seed's own tables only.
 */
const MAX_NAMES = 30;

export function doubleSigningParagraphs(r: ReportResponse): string[] {
  const d = r.doubleSigning;
  const members = d.total[0]?.members ?? 0;
  if (members === 0) return ['本期没有纳入健康扶贫“双签约”的对象。'];
  const lines = [`纳入健康扶贫“双签约”的对象${members}人，县乡村三级责任医生按每季度、每月、每周各提供一次健康服务。`];
  for (const f of d.total) {
    lines.push(
      `${tierLabels[f.tier]}（${cadenceLabels[tierCadence(f.tier)]}）：有责任医生${f.withResponsible}人；应随访${f.periods}人次，已随访${f.served}人次，完成率${percent(f.served, f.periods)}%；${tierNowLabels[f.tier]}已随访${f.servedNow}人，未落实${f.membersWithGaps}人。`,
    );
  }
  if (d.gaps.length) {
    const named = d.gaps.slice(0, MAX_NAMES).map((g) => `${g.memberName}（${tierLabels[g.tier]}，${tierGapText(g)}）`);
    lines.push(`三级随访未落实${d.gaps.length}项：${named.join('、')}${d.gaps.length > MAX_NAMES ? '等' : ''}。`);
  }
  return lines;
}

export function doubleSigningTable(r: ReportResponse): ReportTable {
  const d = r.doubleSigning;
  const rows = (name: string, tiers: ReportResponse['doubleSigning']['total']) =>
    TIERS.map((tier) => {
      const f = tiers.find((x) => x.tier === tier);
      return [name, tierLabels[tier], f?.members ?? 0, f?.withResponsible ?? 0, f?.periods ?? 0, f?.served ?? 0, `${percent(f?.served ?? 0, f?.periods ?? 0)}%`, f?.servedNow ?? 0, f?.membersWithGaps ?? 0];
    });
  return {
    title: doubleSigningTexts.table,
    header: ['乡镇', '层级', '对象人数', '有责任医生', '应随访人次', '已随访人次', '完成率', '当期已随访人数', '未落实人数'],
    rows: [...d.townships.flatMap((t) => rows(t.townshipName, t.tiers)), ...(d.townships.length > 1 ? rows('合计', d.total) : [])],
  };
}

export function doubleSigningGapsTable(r: ReportResponse): ReportTable {
  return {
    title: doubleSigningTexts.gapsTable,
    header: ['乡镇村', '家庭', '对象', '层级', '责任医生', '说明', '上次随访'],
    rows: r.doubleSigning.gaps.map((g) => [`${g.townshipName}${g.villageName}`, g.familyName, g.memberName, tierLabels[g.tier], g.responsibleName ?? '无', tierGapText(g), g.lastServedOn ?? '无']),
  };
}

export const doubleSigningTables = (r: ReportResponse): ReportTable[] => [doubleSigningTable(r), doubleSigningGapsTable(r)];
