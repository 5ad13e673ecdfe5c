import { use } from 'echarts/core';
import { BarChart, GaugeChart, TreeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/** Only the ECharts parts the console draws (on demand: the coverage and statistics pages' chunks). */
use([
  BarChart,
  GaugeChart,
  TreeChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { default as VChart } from 'vue-echarts';
