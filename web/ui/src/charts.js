// ECharts, trimmed to the charts and components the dashboard uses, drawn
// as SVG (crisp, accessible, and light on memory for our sizes).
import * as echarts from 'echarts/core';
import { CustomChart, HeatmapChart, LineChart, BarChart, GraphChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent, LegendComponent, AriaComponent, MarkLineComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([CustomChart, HeatmapChart, LineChart, BarChart, GraphChart, GridComponent, TooltipComponent,
  VisualMapComponent, LegendComponent, AriaComponent, MarkLineComponent, SVGRenderer]);

export const palette = ['#2f7d6d', '#5b7fa6', '#d98c5f', '#8e6fa8', '#c0616b', '#e0a458', '#4f9bb0', '#7a9a4e', '#b0708f', '#8a8176', '#3d6a8f', '#a3875a'];

export const baseText = { color: '#3b3a36', fontFamily: 'inherit' };

/** mount draws option into el (a .chart element) with an accessible label; returns the chart. */
export function mount(el, option, label) {
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({
    aria: { enabled: true, label: { description: label } },
    textStyle: baseText,
    animation: false,
    color: palette,
    ...option,
  });
  const ro = new ResizeObserver(() => chart.resize());
  ro.observe(el);
  el._dispose = () => { ro.disconnect(); chart.dispose(); };
  return chart;
}

/** disposeAll releases every chart under root (before a view is replaced). */
export function disposeAll(root) {
  root.querySelectorAll('.chart').forEach((el) => el._dispose && el._dispose());
}

export { echarts };
