import { Text } from '@tarojs/components';
import { Children, type ReactNode } from 'react';
import { wholeParts } from '../lib/whole';

/**
 * Text in which phone numbers, dates and times are never broken over two lines (lib/whole.ts):
 * each is set in app.scss `.nowrap`, so it moves to the next line whole. Wrap any words that may
 * hold one, strings and elements mixed (`<Whole>绿色通道：{phone}，{hours}</Whole>`): neighbouring
 * strings are read as one, so a date built of pieces (`{m}月{d}日`) is found too; elements pass
 * through as they are.
 */
export function Whole({ children }: { children: ReactNode }) {
  const out: ReactNode[] = [];
  let text = '';
  const flush = () => {
    for (const p of wholeParts(text)) {
      out.push(
        p.whole ? (
          <Text className="nowrap" key={`w${out.length}`}>
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      );
    }
    text = '';
  };
  for (const c of Children.toArray(children)) {
    if (typeof c === 'string' || typeof c === 'number') text += String(c);
    else {
      flush();
      out.push(c);
    }
  }
  flush();
  return <>{out}</>;
}
