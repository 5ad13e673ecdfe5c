import { use } from 'echarts/core';
import { GraphChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/** The ECharts parts the rotation ring draws (on demand: the cross page's chunk). */
use([GraphChart, TooltipComponent, CanvasRenderer]);

export { default as VChart } from 'vue-echarts';
