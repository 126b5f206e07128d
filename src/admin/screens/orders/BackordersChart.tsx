import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTheme } from 'styled-components';
import { chartSummary, weekLabel } from './orders-words.js';

/**
 * Backordered units per ISO week (recharts), loaded on its own when the Orders screen shows it. The
 * figure's text alternative says what the bars show.
 */
export default function BackordersChart(props: {
  readonly weeks: readonly {
    readonly week: string;
    readonly starts_on: string;
    readonly backordered_units: number;
  }[];
  readonly timeZone: string;
}) {
  const theme = useTheme();
  const withYear =
    props.weeks.length > 0 &&
    props.weeks[0]!.starts_on.slice(0, 4) !== props.weeks.at(-1)!.starts_on.slice(0, 4);
  const data = props.weeks.map((w) => ({ ...w, label: weekLabel(w.starts_on, withYear) }));
  return (
    <figure style={{ margin: 0 }} data-chart="backorders-per-week">
      <div role="img" aria-label={`Chart of backordered units per week. ${chartSummary(props.weeks)}`}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip
              formatter={(value) => [value, 'Backordered units']}
              labelFormatter={(label) => `Week of ${label}`}
            />
            <Bar
              dataKey="backordered_units"
              name="Backordered units"
              fill={theme.colors.primary}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption style={{ fontSize: theme.typography.fontSize.small, color: theme.colors.secondary60 }}>
        Backordered units per week (Monday to Sunday, {props.timeZone}).
      </figcaption>
    </figure>
  );
}
