import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, formatMoneyShort } from '../../lib/format';
import { chartColors, tickStyle } from './chartTheme';

export interface OutcomeBars {
  group: string;
  won: number;
  lost: number;
}

/** Won and lost per month, week or owner, side by side: in R$ or in deals. */
export function OutcomesChart({ bars, money, wonLabel, lostLabel }: { bars: OutcomeBars[]; money: boolean; wonLabel: string; lostLabel: string }) {
  const show = (v: unknown) => (money ? formatMoney(Number(v ?? 0)) : String(v ?? 0));
  return (
    <BarChart responsive style={{ width: '100%', height: 320 }} data={bars} accessibilityLayer={false} margin={{ top: 16, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={chartColors.grid} vertical={false} />
      <XAxis dataKey="group" tick={tickStyle} />
      <YAxis allowDecimals={!money} width={money ? 76 : 44} tick={tickStyle} tickFormatter={(v: number) => (money ? formatMoneyShort(v) : String(v))} />
      <Tooltip formatter={(value) => show(value)} />
      <Legend />
      <Bar dataKey="won" name={wonLabel} fill={chartColors.won} isAnimationActive={false} />
      <Bar dataKey="lost" name={lostLabel} fill={chartColors.lost} isAnimationActive={false} />
    </BarChart>
  );
}
