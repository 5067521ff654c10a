import { wholeParts } from '../../miniapp/src/lib/whole';

/** What the mini-program keeps on one line (components/Whole.tsx): phone numbers, dates, times. */
const kept = (text: string) => wholeParts(text).filter((p) => p.whole).map((p) => p.text);

test('phone numbers, dates and times are the pieces kept whole', () => {
  expect(kept('绿色通道 0311-86907120 每天 8:00-17:30')).toEqual(['0311-86907120', '8:00', '17:30']);
  expect(kept('电话 138 1234 5678')).toEqual(['138 1234 5678']);
  expect(kept('电话\u00a013812345678')).toEqual(['13812345678']);
  expect(kept('应随访日期：11月28日')).toEqual(['11月28日']);
  expect(kept('截至2026年12月7日 共 3 户 2026-12-07 17:05')).toEqual(['2026年12月7日', '2026-12-07', '17:05']);
});

test('punctuation that may not start or end a line stays with its piece', () => {
  expect(kept('绿色通道：0311-86907120，每天 8:00-17:30')).toEqual(['0311-86907120，', '8:00', '17:30']);
  expect(kept('病情稳定（11月27日，陈立新）')).toEqual(['（11月27日，']);
  expect(kept('处方有效到 2027年5月6日，开方医生 陈立新')).toEqual(['2027年5月6日，']);
  expect(kept('8:00，，17:30。')).toEqual(['8:00，，', '17:30。']);
});

test('no piece is cut out of a longer number', () => {
  expect(kept('身份证号 130123199001011234')).toEqual([]);
  expect(kept('卡号 QH20250001，共 12 人')).toEqual([]);
  expect(kept('123:456')).toEqual([]);
});

test('the parts put together are the text as it was', () => {
  for (const t of ['', '没有数字', '0311-86907120', '打绿色通道 0311-86907120', '11月28日到12月3日之间']) expect(wholeParts(t).map((p) => p.text).join('')).toBe(t);
  expect(wholeParts('11月28日到12月3日之间')).toEqual([
    { text: '11月28日', whole: true },
    { text: '到', whole: false },
    { text: '12月3日', whole: true },
    { text: '之间', whole: false },
  ]);
});
