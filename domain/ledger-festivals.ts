// lunar-javascript ships no types; the small surface used here is declared in ./lunar-javascript.d.ts.
import { Lunar, Solar } from 'lunar-javascript';

/**
 * The festivals on which contact persons greet the families (节日慰问), computed from the lunar
 * calendar by lunar-javascript rather than typed in. The library is ~270 KB minified, over a
 * Lambda's bundle budget, so functions read `festival-dates.ts`, which scripts/gen-festivals.ts
 * writes from this module and test/unit/ledger.test.ts checks against it year by year.
 */
export type FestivalKey = 'spring' | 'lantern' | 'qingming' | 'dragonBoat' | 'midAutumn' | 'doubleNinth' | 'association';
export const festivalNames: Record<FestivalKey, string> = {
  spring: '春节',
  lantern: '元宵节',
  qingming: '清明节',
  dragonBoat: '端午节',
  midAutumn: '中秋节',
  doubleNinth: '重阳节',
  association: '计生协会日',
};

const lunarDay = (year: number, month: number, day: number): string => Lunar.fromYmd(year, month, day).getSolar().toYmd();

/** The festivals of one Gregorian year, by date. */
export function festivalsOf(year: number): Array<{ key: FestivalKey; name: string; date: string }> {
  // 清明 is a solar term, not a lunar date: take it from the term table of a lunar year that
  // contains that April (the lunar year starting in the same Gregorian year always does).
  const qingming = Solar.fromYmd(year, 4, 20).getLunar().getJieQiTable()['清明'].toYmd();
  const list: Array<{ key: FestivalKey; date: string }> = [
    { key: 'spring', date: lunarDay(year, 1, 1) },
    { key: 'lantern', date: lunarDay(year, 1, 15) },
    { key: 'qingming', date: qingming },
    { key: 'dragonBoat', date: lunarDay(year, 5, 5) },
    { key: 'midAutumn', date: lunarDay(year, 8, 15) },
    { key: 'doubleNinth', date: lunarDay(year, 9, 9) },
    // 中国计划生育协会成立日, 5月29日 (Gregorian).
    { key: 'association', date: `${year}-05-29` },
  ];
  return list.map((f) => ({ ...f, name: festivalNames[f.key] })).sort((a, b) => a.date.localeCompare(b.date));
}
