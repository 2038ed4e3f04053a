// One JSON file per namespace and language under locales/<lng>/<ns>.json. Each area owns its namespace file,
// so parallel work does not collide. Keys are nested objects; a test checks de and en have the same keys.
export const namespaces = ['common', 'project', 'wizard', 'errors', 'ssh', 'analysis', 'anaui', 'planning', 'planui', 'install', 'failover', 'docs', 'commission'] as const;
export type Namespace = (typeof namespaces)[number];
export const languages = ['de', 'en'] as const;
export type Language = (typeof languages)[number];
