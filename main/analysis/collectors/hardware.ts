import { parseHardware } from '../parsers/hardware.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const hardware: Collector = {
  id: 'hardware',
  titleKey: 'analysis:collectors.hardware',
  needsSudo: false,
  command: sections([
    ['hostname', 'hostname -f 2>/dev/null || hostname'],
    ['lscpu', 'lscpu'],
    ['cpuinfo', "grep -E '^(processor|model name|physical id|core id)[[:space:]]*:' /proc/cpuinfo"],
    ['meminfo', 'cat /proc/meminfo'],
    ['iplink', 'ip -j link'],
    ['speed', 'for f in /sys/class/net/*; do printf \'%s %s\\n\' "${f##*/}" "$(cat "$f/speed" 2>/dev/null)"; done'],
    ['virt', 'systemd-detect-virt'],
  ]),
  parse: safeParse('hardware', parseHardware),
};
