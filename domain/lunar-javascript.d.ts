/** The part of lunar-javascript (no bundled types) that ledger-festivals.ts uses. */
declare module 'lunar-javascript' {
  interface SolarDate {
    toYmd(): string;
    getLunar(): LunarDate;
  }
  interface LunarDate {
    getSolar(): SolarDate;
    getJieQiTable(): Record<string, SolarDate>;
  }
  export const Lunar: { fromYmd(year: number, month: number, day: number): LunarDate };
  export const Solar: { fromYmd(year: number, month: number, day: number): SolarDate };
}
