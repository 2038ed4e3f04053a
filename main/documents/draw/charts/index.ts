import type { ChartBlock } from '../../../../shared/documents/model';
import { drawCaption } from '../caption';
import type { PdfWriter } from '../../writer';
import { drawHorizontalBars, drawVerticalBars } from './bars';
import { drawGantt } from './gantt';
import { drawLines } from './lines';
import { drawTimeline } from './timeline';
import { drawTopology } from './topology';

export function drawChart(w: PdfWriter, block: ChartBlock, lang: 'de' | 'en'): void {
  const c = { w, lang };
  const ch = block.chart;
  w.y += 4;
  switch (ch.type) {
    case 'bars':
      if (ch.orientation === 'horizontal') drawHorizontalBars(c, ch);
      else drawVerticalBars(c, ch);
      break;
    case 'lines': drawLines(c, ch); break;
    case 'gantt': drawGantt(c, ch); break;
    case 'timeline': drawTimeline(c, ch); break;
    case 'topology': drawTopology(c, ch); break;
  }
  drawCaption(w, block.caption);
  w.y += 10;
}
