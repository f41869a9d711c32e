import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { chartColors, tickStyle } from './chartTheme';

export interface FunnelBar {
  stage: string;
  reached: number;
  /** "60%": the conversion from the stage before, shown inside the bar; empty for the first. */
  fromPrevious: string;
  won: boolean;
}

/** Deals that reached each stage, Won in green, with the conversion from the stage before inside each bar. */
export function FunnelChart({ bars, reachedLabel }: { bars: FunnelBar[]; reachedLabel: string }) {
  return (
    <BarChart responsive style={{ width: '100%', height: 320 }} data={bars} accessibilityLayer={false} margin={{ top: 24, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid stroke={chartColors.grid} vertical={false} />
      <XAxis dataKey="stage" interval={0} tick={tickStyle} />
      <YAxis allowDecimals={false} width={44} tick={tickStyle} />
      <Tooltip formatter={(value) => [String(value ?? 0), reachedLabel]} />
      <Bar dataKey="reached" name={reachedLabel} isAnimationActive={false}>
        {bars.map((b) => <Cell key={b.stage} fill={b.won ? chartColors.won : chartColors.primary} />)}
        <LabelList dataKey="reached" position="top" fill={chartColors.tick} />
        <LabelList dataKey="fromPrevious" position="insideTop" fill="#fff" />
      </Bar>
    </BarChart>
  );
}
