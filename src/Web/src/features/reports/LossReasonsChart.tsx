import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney, formatMoneyShort } from '../../lib/format';
import { chartColors, tickStyle } from './chartTheme';

export interface ReasonBar {
  reason: string;
  amount: number;
}

/** One horizontal bar per reason, the most frequent on top: deals or R$ lost. */
export function LossReasonsChart({ bars, money, label }: { bars: ReasonBar[]; money: boolean; label: string }) {
  const show = (v: unknown) => (money ? formatMoney(Number(v ?? 0)) : String(v ?? 0));
  return (
    <BarChart responsive layout="vertical" style={{ width: '100%', height: 48 + bars.length * 36 }} data={bars} accessibilityLayer={false}
      margin={{ top: 8, right: money ? 96 : 40, bottom: 8, left: 8 }}>
      <CartesianGrid stroke={chartColors.grid} horizontal={false} />
      <XAxis type="number" allowDecimals={!money} tick={tickStyle} tickFormatter={(v: number) => (money ? formatMoneyShort(v) : String(v))} />
      <YAxis type="category" dataKey="reason" width={170} tick={tickStyle} interval={0} />
      <Tooltip formatter={(value) => [show(value), label]} />
      <Bar dataKey="amount" name={label} fill={chartColors.lost} isAnimationActive={false}>
        <LabelList dataKey="amount" position="right" fill={chartColors.tick} formatter={(v) => show(v)} />
      </Bar>
    </BarChart>
  );
}
