/**
 * What an elderly reader takes in as one thing and must not find broken over two lines: phone
 * numbers (0311-86907120, 138 1234 5678), dates (2026-12-07, 2026年12月7日, 12月7日) and times
 * (17:05). Chinese text may break between any two characters, after a hyphen and at a space, so
 * "0311-" / "86907120" or "11月28" / "日" happens wherever such a piece nears a line's end.
 * No lookbehind: older iOS WeChat cannot parse it, and a regex it cannot parse stops the package.
 */
const PIECE = /(^|\D)(0\d{2,3}-\d{7,8}|1\d{2}[ \u00a0]?\d{4}[ \u00a0]?\d{4}|\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2})(?!\d)/g;

// Punctuation that may not start a line (，after a date) or end one (（ before it) stays with the
// piece: a piece moved to the next line whole must not leave it behind or push it to a line's start.
const CLOSING = '，。、；：！？）」』】,.;:!?)';
const OPENING = '（「『【(';

export interface TextPart {
  text: string;
  /** A phone number, date or time: laid out unbroken (components/Whole.tsx). */
  whole: boolean;
}

/** The text cut into the pieces to keep whole and the words between them, in order. */
export function wholeParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const m of text.matchAll(PIECE)) {
    let start = (m.index ?? 0) + m[1].length;
    let end = start + m[2].length;
    while (start > from && OPENING.includes(text[start - 1])) start--;
    while (end < text.length && CLOSING.includes(text[end])) end++;
    if (start > from) parts.push({ text: text.slice(from, start), whole: false });
    parts.push({ text: text.slice(start, end), whole: true });
    from = end;
  }
  if (from < text.length) parts.push({ text: text.slice(from), whole: false });
  return parts;
}
