import { parseServices, SERVICE_UNITS } from '../parsers/services.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const services: Collector = {
  id: 'services',
  titleKey: 'analysis:collectors.services',
  needsSudo: true,
  command: sections([
    ['units', `for u in ${SERVICE_UNITS.join(' ')}; do printf '%s\\t%s\\t%s\\n' "$u" "$(systemctl is-enabled "$u" 2>/dev/null)" "$(systemctl is-active "$u" 2>/dev/null)"; done`],
    ['ss', 'ss -Hltnp'],
  ]),
  parse: safeParse('services', parseServices),
};
