/** The screens' colours (styles.css) for SVG, whose fill attributes cannot read CSS variables. */
export const chartColors = {
  primary: '#1f5fbf',
  won: '#16794c',
  lost: '#b42318',
  grid: '#e3e6eb',
  tick: '#5b6474',
} as const;

export const tickStyle = { fill: chartColors.tick, fontSize: 12 } as const;
