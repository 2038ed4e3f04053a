import { parseStorage } from '../parsers/storage.js';
import { sections } from '../sections.js';
import { safeParse, type Collector } from '../collector.js';

export const storage: Collector = {
  id: 'storage',
  titleKey: 'analysis:collectors.storage',
  needsSudo: true,
  command: sections([
    ['lsblk', 'lsblk -J -b -o NAME,TYPE,SIZE,FSTYPE,MOUNTPOINT,ROTA,MODEL'],
    ['mdstat', 'cat /proc/mdstat'],
    ['mdadm', 'for d in /dev/md[0-9]*; do if [ -b "$d" ]; then mdadm --detail "$d"; fi; done'],
    ['pvs', 'pvs --reportformat json --units b --nosuffix -o pv_name,vg_name,pv_size,pv_free'],
    ['vgs', 'vgs --reportformat json --units b --nosuffix -o vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_count,lv_count'],
    ['lvs', 'lvs --reportformat json --units b --nosuffix -o lv_name,vg_name,lv_size,lv_attr,lv_path'],
    ['df', 'df -P -B1 -T'],
  ]),
  parse: safeParse('storage', parseStorage),
};
