import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportResponse } from '../../domain';
import { doubleSigningTables } from './double-signing-text';
import { reportNarrative } from './narrative';
import { reportTables, type ReportTable } from './tables';

/**
 * The report as a Word document, the format cadres hand upward: title in 宋体, body in 仿宋 (三号 as
 * official documents use), then the three tables and the names behind the gaps. The East Asian
 * font is set explicitly: without it Word falls back to a Latin font's metrics for Chinese text.
 */
const BODY = { ascii: '仿宋', eastAsia: '仿宋', hAnsi: '仿宋', cs: '仿宋' };
const TITLE = { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体', cs: '宋体' };
/** Half-points: 三号 16 pt for the body, 二号 22 pt for the title, 小四 12 pt in tables. */
const SIZES = { body: 32, title: 44, heading: 32, table: 24 } as const;

const text = (t: string, opts: { bold?: boolean; size?: number; font?: typeof BODY } = {}) =>
  new TextRun({ text: t, bold: opts.bold, size: opts.size ?? SIZES.body, font: opts.font ?? BODY });

function table(t: ReportTable): Array<Paragraph | Table> {
  const cell = (v: string | number, bold = false) =>
    new TableCell({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [text(String(v), { bold, size: SIZES.table })] })] });
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, children: [text(t.title, { bold: true, size: SIZES.heading, font: TITLE })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [new TableRow({ tableHeader: true, children: t.header.map((h) => cell(h, true)) }), ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) }))],
    }),
  ];
}

export async function buildReportDocx(r: ReportResponse): Promise<Buffer> {
  const narrative = reportNarrative(r);
  const doc = new Document({
    creator: '连心',
    title: narrative.title,
    styles: { default: { document: { run: { font: BODY, size: SIZES.body } } } },
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(narrative.title, { bold: true, size: SIZES.title, font: TITLE })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [text(narrative.subtitle)] }),
          ...narrative.sections.flatMap((s) => [
            new Paragraph({ spacing: { before: 200 }, children: [text(s.heading, { bold: true, font: TITLE })] }),
            ...s.paragraphs.map((p) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [text(p)] })),
          ]),
          ...reportTables(r).flatMap(table),
          ...doubleSigningTables(r).flatMap(table),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
